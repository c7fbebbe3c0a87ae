/**
 * Turns fix intents into minimal text edits on the original text.
 *
 * - ARG declarations of one stage become one insertion after its FROM/ARG
 *   block, one `ARG NAME` line per name in a canonical order, indented like the
 *   block and ended like its lines (CRLF stays CRLF; a file without a final
 *   line break keeps having none).
 * - The intents on one mount's id compose: prefixes go in front of the id
 *   value, suffixes after it; a mount without `id` gets one new
 *   `,id=<prefixes><old default id><suffixes>` field after its `type` field.
 * - Several sharing intents on one mount keep the strictest mode; an existing
 *   `sharing` value is replaced, else `,sharing=<mode>` follows the `type` field.
 * Intents that cannot be placed (a mount the model could not locate) are skipped.
 */
import type { Sharing, TextEdit } from "../report/types";
import { buildkitLineStart, lastField, valueEnd, valueStart, type SourceModel } from "./source-model";
import type { FixIntent } from "./types";
import { normalizeEdits } from "./apply-edits";

/** Automatic ARGs first, in BuildKit's own order (dockerfile2llb/platform.go defaultArgs), then the rest by name. */
const ARG_ORDER = [
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETOSVERSION",
  "TARGETARCH",
  "TARGETVARIANT",
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDOSVERSION",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETSTAGE",
];

function argRank(name: string): number {
  const i = ARG_ORDER.indexOf(name);
  return i === -1 ? ARG_ORDER.length : i;
}

const STRICTNESS: Readonly<Record<Sharing, number>> = { shared: 0, private: 1, locked: 2 };

const NONE: readonly string[] = [];

interface MountPlan {
  readonly mount: number;
  ensureId: boolean;
  /** Replaced rather than grown: most plans get one text, and an array that grows reserves room for 17. */
  prefixes: readonly string[];
  suffixes: readonly string[];
  defaultId: string | null;
  sharing: Sharing | null;
}

interface StageArgs {
  readonly stage: number;
  /** Distinct, in first-asked order (a stage gets a handful). */
  readonly names: string[];
}

/** Past this many entries, a table is indexed by a Map (the "fix all" plan spans every mount). */
const SCAN_LIMIT = 8;

/**
 * Entries keyed by a number, in insertion order: a fix touches one or two mounts and stages,
 * so a short array scanned beats a Map (and its iterators) per fix; the one plan of "fix all",
 * which touches every mount, gets a Map index once the array grows.
 */
class Table<T> {
  readonly items: T[] = [];
  private index: Map<number, T> | null = null;
  constructor(private readonly keyOf: (item: T) => number) {}

  get(key: number): T | undefined {
    if (this.index !== null) return this.index.get(key);
    for (const item of this.items) if (this.keyOf(item) === key) return item;
    return undefined;
  }

  add(item: T): T {
    this.items.push(item);
    if (this.index !== null) this.index.set(this.keyOf(item), item);
    else if (this.items.length > SCAN_LIMIT) this.index = new Map(this.items.map((i) => [this.keyOf(i), i]));
    return item;
  }
}

const stageOf = (a: StageArgs): number => a.stage;
const mountOf = (p: MountPlan): number => p.mount;

export function planEdits(model: SourceModel, intents: readonly FixIntent[]): TextEdit[] {
  // Most fixes are one or two intents: the per-stage and per-mount tables are made on first use.
  let args: Table<StageArgs> | null = null;
  let mounts: Table<MountPlan> | null = null;
  const edits: TextEdit[] = [];

  for (const intent of intents) {
    switch (intent.kind) {
      case "declare-arg": {
        args ??= new Table(stageOf);
        const names = (args.get(intent.stage) ?? args.add({ stage: intent.stage, names: [] })).names;
        if (!names.includes(intent.name)) names.push(intent.name);
        break;
      }
      case "id-prefix":
      case "id-suffix": {
        const p = planFor((mounts ??= new Table(mountOf)), intent.mount);
        if (intent.kind === "id-prefix") {
          if (!p.prefixes.includes(intent.text)) p.prefixes = [...p.prefixes, intent.text];
        } else if (!p.suffixes.includes(intent.text)) p.suffixes = [...p.suffixes, intent.text];
        p.defaultId ??= intent.defaultId;
        break;
      }
      case "ensure-id": {
        const p = planFor((mounts ??= new Table(mountOf)), intent.mount);
        p.ensureId = true;
        p.defaultId ??= intent.defaultId;
        break;
      }
      case "sharing": {
        const p = planFor((mounts ??= new Table(mountOf)), intent.mount);
        if (p.sharing === null || STRICTNESS[intent.value] > STRICTNESS[p.sharing]) p.sharing = intent.value;
        break;
      }
      case "replace":
        edits.push({ start: intent.span.start, end: intent.span.end, text: intent.text });
        break;
      case "insert-line": {
        const edit = insertLine(model, intent.line, intent.text);
        if (edit !== null) edits.push(edit);
        break;
      }
      case "drop-arg-default": {
        // Only when the source reads `NAME=` at the pair's start (not quoted as a whole).
        const { start, end } = intent.span;
        if (model.text.startsWith(intent.key + "=", start))
          edits.push({ start: start + intent.key.length, end, text: "" });
        break;
      }
    }
  }

  if (args !== null) {
    for (const { stage, names } of args.items) {
      const anchor = model.stages[stage]?.argAnchor;
      if (anchor === undefined) continue;
      if (names.length > 1) names.sort((a, b) => argRank(a) - argRank(b) || (a < b ? -1 : a > b ? 1 : 0));
      let text = "";
      if (anchor.atEof) for (const n of names) text += `${anchor.eol}${anchor.indent}ARG ${n}`;
      else for (const n of names) text += `${anchor.indent}ARG ${n}${anchor.eol}`;
      edits.push({ start: anchor.offset, end: anchor.offset, text });
    }
  }

  if (mounts !== null) {
    // In mount order (plans come in first-asked order: sorted only when there are several).
    const plans = mounts.items;
    if (plans.length > 1) plans.sort((a, b) => a.mount - b.mount);
    for (const plan of plans) mountEdits(model, plan.mount, plan, edits);
  }
  return normalizeEdits(edits);
}

function planFor(mounts: Table<MountPlan>, mount: number): MountPlan {
  return (
    mounts.get(mount) ??
    mounts.add({ mount, ensureId: false, prefixes: NONE, suffixes: NONE, defaultId: null, sharing: null })
  );
}

/** Appends the edits of one mount's plan to `out`. */
function mountEdits(model: SourceModel, mount: number, plan: MountPlan, out: TextEdit[]): void {
  const src = model.mounts[mount];
  if (src === null || src === undefined) return;
  const { text } = model;
  const typeField = lastField(src.spec, "type");
  const anchor = typeField?.span.end ?? null;
  // Fields added after `type`, in a fixed order (id, then sharing), as one insertion.
  let added = "";

  if (plan.ensureId || plan.prefixes.length > 0 || plan.suffixes.length > 0) {
    const id = lastField(src.spec, "id");
    const start = id === null ? null : valueStart(text, id);
    const end = id === null ? null : valueEnd(text, id);
    const prefix = plan.prefixes.join("");
    const suffix = plan.suffixes.join("");
    if (id !== null && start !== null && end !== null) {
      // An empty `id=` gets the default id too, unless a prefix already carries one.
      const fill = plan.ensureId && prefix === "" && suffix === "" && start === end ? (plan.defaultId ?? "") : "";
      if (prefix !== "" || fill !== "") out.push({ start, end: start, text: prefix + fill });
      if (suffix !== "") out.push({ start: end, end, text: suffix });
    } else if (id === null && plan.defaultId !== null) {
      added += `,id=${prefix}${plan.defaultId}${suffix}`;
    }
  }

  if (plan.sharing !== null) {
    const field = lastField(src.spec, "sharing");
    const start = field === null ? null : valueStart(text, field);
    const end = field === null ? null : valueEnd(text, field);
    if (field !== null && start !== null && end !== null) {
      if (field.value?.text.toLowerCase() !== plan.sharing) out.push({ start, end, text: plan.sharing });
    } else if (field === null) {
      added += `,sharing=${plan.sharing}`;
    }
  }

  if (added !== "" && anchor !== null) out.push({ start: anchor, end: anchor, text: added });
}

/** A whole new line before `line`, with that line's indentation and line break. */
function insertLine(model: SourceModel, line: number, text: string): TextEdit | null {
  // `line` counts as the parser does (only \n ends a line): a lone \r must not split it.
  const start = line < 1 ? null : buildkitLineStart(model, line);
  if (start === null) return null;
  let i = start;
  while (i < model.text.length && (model.text[i] === " " || model.text[i] === "\t")) i++;
  const next = buildkitLineStart(model, line + 1) ?? model.text.length;
  const ending = model.text.slice(start, next);
  const eol = ending.endsWith("\r\n") ? "\r\n" : ending.endsWith("\n") ? "\n" : firstEol(model.text);
  return { start, end: start, text: model.text.slice(start, i) + text + eol };
}

function firstEol(text: string): string {
  const n = text.indexOf("\n");
  return n > 0 && text[n - 1] === "\r" ? "\r\n" : "\n";
}
