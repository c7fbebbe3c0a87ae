/**
 * The dispatch-time half of df/instructions/commands_runmount.go parseMount:
 * BuildKit re-reads a RUN's --mount fields with an expander when it dispatches
 * the RUN (only in stages that are built), and validates as it goes. Order is
 * observable (`size=1G,type=cache` fails as a bind mount), so this walks the
 * fields exactly as parseMount does: bare words first-class, every key=value
 * expanded before its key is looked at, later keys overwrite earlier ones.
 */
import { withSuggestion } from "../util/suggest";
import type { MountField } from "./types";
import { goQuote, goToLower } from "../util/go-text";
import { parseGoBool, parseGoUint } from "./go-strconv";
import { ramInBytes } from "./go-units";

export interface ParsedMount {
  /** bind (default), cache, tmpfs, secret, ssh: lower-cased. */
  readonly type: string;
  readonly from: string;
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  /** The expanded `id` ("" when absent: the resolver defaults it). */
  readonly cacheId: string;
  /** shared / private / locked, lower-cased; "" when not given. */
  readonly sharing: string;
  readonly mode: number | null;
  readonly uid: number | null;
  readonly gid: number | null;
  readonly required: boolean;
  /** tmpfs `size` in bytes, 0 when not given. */
  readonly sizeLimit: number;
  /** secret `env`, null when not given. */
  readonly env: string | null;
}

/**
 * Which field set each option (the last one wins, as in BuildKit). Keys are
 * BuildKit's canonical option names, aliases folded: `type`, `from`, `source`
 * (src), `target` (dst, destination), `readonly` (ro, rw, readwrite), `id`,
 * `sharing`, `required`, `size`, `mode`, `uid`, `gid`, `env`.
 */
export type MountOption =
  | "type"
  | "from"
  | "source"
  | "target"
  | "readonly"
  | "id"
  | "sharing"
  | "required"
  | "size"
  | "mode"
  | "uid"
  | "gid"
  | "env";
type MountFieldOf = Partial<Record<MountOption, MountField>>;

export type ExpandResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

export type MountDispatchResult =
  | { readonly ok: true; readonly mount: ParsedMount; readonly fieldOf: Record<string, MountField> }
  | { readonly ok: false; readonly error: string; readonly field: MountField | null };

// Go iterates maps for these; the order only decides ties between equally close suggestions.
const MOUNT_TYPES = ["bind", "cache", "tmpfs", "secret", "ssh"];
const SHARING_MODES = ["shared", "private", "locked"];
/** Every key BuildKit knows (commands_runmount.go), in its order: the suggester picks the first closest. */
export const ALL_KEYS: readonly string[] = [
  "type",
  "from",
  "source",
  "target",
  "readonly",
  "id",
  "sharing",
  "required",
  "size",
  "mode",
  "uid",
  "gid",
  "src",
  "dst",
  "destination",
  "ro",
  "rw",
  "readwrite",
  "env",
];

/** The keys that set the mount point (commands_runmount.go: `target`, `dst`, `destination`). */
export const TARGET_KEYS: ReadonlySet<string> = new Set(["target", "dst", "destination"]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const fail = (error: string, field: MountField | null): MountDispatchResult => ({ ok: false, error, field });
const isSecretLike = (type: string): boolean => type === "secret" || type === "ssh";

export function parseMountDispatch(
  fields: readonly MountField[],
  expand: (value: string, field: MountField) => ExpandResult,
): MountDispatchResult {
  const m: Mutable<ParsedMount> = {
    type: "bind",
    from: "",
    source: "",
    target: "",
    readOnly: false,
    cacheId: "",
    sharing: "",
    mode: null,
    uid: null,
    gid: null,
    required: false,
    sizeLimit: 0,
    env: null,
  };
  const fieldOf: MountFieldOf = {};
  let roAuto = true;

  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const key = field.key;
    if (field.value === null) {
      switch (key) {
        case "readonly":
        case "ro":
          m.readOnly = true;
          roAuto = false;
          fieldOf.readonly = field;
          continue;
        case "readwrite":
        case "rw":
          m.readOnly = false;
          roAuto = false;
          fieldOf.readonly = field;
          continue;
        case "required":
          if (!isSecretLike(m.type)) return fail(`unexpected key '${key}' for mount type '${m.type}'`, field);
          m.required = true;
          fieldOf.required = field;
          continue;
        default:
          return fail(`invalid field '${field.raw}' must be a key=value pair`, field);
      }
    }
    const expanded = expand(field.value.text, field);
    if (!expanded.ok) return fail(expanded.error, field);
    const value = expanded.value;

    switch (key) {
      case "type": {
        const v = goToLower(value);
        if (!MOUNT_TYPES.includes(v)) {
          return fail(withSuggestion(`unsupported mount type ${goQuote(value)}`, value, MOUNT_TYPES, true), field);
        }
        m.type = v;
        fieldOf.type = field;
        break;
      }
      case "from":
        m.from = value;
        fieldOf.from = field;
        break;
      case "source":
      case "src":
        m.source = value;
        fieldOf.source = field;
        break;
      case "target":
      case "dst":
      case "destination":
        m.target = value;
        fieldOf.target = field;
        break;
      case "readonly":
      case "ro": {
        const b = parseGoBool(value);
        if (b === null) return fail(`invalid value for ${key}: ${value}`, field);
        m.readOnly = b;
        roAuto = false;
        fieldOf.readonly = field;
        break;
      }
      case "readwrite":
      case "rw": {
        const b = parseGoBool(value);
        if (b === null) return fail(`invalid value for ${key}: ${value}`, field);
        m.readOnly = !b;
        roAuto = false;
        fieldOf.readonly = field;
        break;
      }
      case "required": {
        if (!isSecretLike(m.type)) return fail(`unexpected key '${key}' for mount type '${m.type}'`, field);
        const b = parseGoBool(value);
        if (b === null) return fail(`invalid value for ${key}: ${value}`, field);
        m.required = b;
        fieldOf.required = field;
        break;
      }
      case "size": {
        if (m.type !== "tmpfs") return fail(`unexpected key '${key}' for mount type '${m.type}'`, field);
        const size = ramInBytes(value);
        if (size === null) return fail(`invalid value for ${key}: ${value}`, field);
        m.sizeLimit = size;
        fieldOf.size = field;
        break;
      }
      case "id":
        m.cacheId = value;
        fieldOf.id = field;
        break;
      case "sharing": {
        const v = goToLower(value);
        if (!SHARING_MODES.includes(v)) {
          return fail(withSuggestion(`unsupported sharing value ${goQuote(value)}`, value, SHARING_MODES, true), field);
        }
        m.sharing = v;
        fieldOf.sharing = field;
        break;
      }
      case "mode": {
        const r = parseGoUint(value, 8, 32);
        if (!r.ok) return fail(`invalid value ${value} for mode`, field);
        m.mode = r.value;
        fieldOf.mode = field;
        break;
      }
      case "uid":
      case "gid": {
        const r = parseGoUint(value, 10, 32);
        if (!r.ok) return fail(`invalid value ${value} for ${key}`, field);
        m[key] = r.value;
        fieldOf[key] = field;
        break;
      }
      case "env":
        m.env = value;
        fieldOf.env = field;
        break;
      default:
        return fail(withSuggestion(`unexpected key '${key}' in '${field.raw}'`, key, ALL_KEYS, true), field);
    }
  }

  const fileInfoAllowed = m.type === "secret" || m.type === "ssh" || m.type === "cache";
  if (!fileInfoAllowed && (m.mode !== null || m.uid !== null || m.gid !== null)) {
    const t = goQuote(m.type);
    if (m.mode !== null) return fail(`mode not allowed for ${t} type mounts`, fieldOf.mode ?? null);
    if (m.uid !== null) return fail(`uid not allowed for ${t} type mounts`, fieldOf.uid ?? null);
    if (m.gid !== null) return fail(`gid not allowed for ${t} type mounts`, fieldOf.gid ?? null);
  }
  if (roAuto) m.readOnly = !(m.type === "cache" || m.type === "tmpfs");
  if (m.type === "secret") {
    if (m.from !== "") return fail("secret mount should not have a from", fieldOf.from ?? null);
    if (m.sharing !== "") return fail("secret mount should not define sharing", fieldOf.sharing ?? null);
    if (m.source === "" && m.target === "" && m.cacheId === "") {
      return fail("invalid secret mount. one of source, target required", null);
    }
    if (m.source !== "" && m.cacheId !== "") return fail("both source and id can't be set", fieldOf.source ?? null);
  }
  if (m.sharing !== "" && m.type !== "cache") {
    return fail(`invalid cache sharing set for ${m.type} mount`, fieldOf.sharing ?? null);
  }
  // Only fields ever go in (never undefined): no copy needed. This runs per mount and platform.
  return { ok: true, mount: m, fieldOf: fieldOf as Record<string, MountField> };
}
