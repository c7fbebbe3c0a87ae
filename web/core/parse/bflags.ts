/**
 * Flag validation at parse time (df/instructions/bflag.go BFlags.Parse).
 * Names are case-sensitive; the first problem in flag order is the error.
 */
import type { MappedText } from "../source";
import { withSuggestion } from "../util/suggest";
import type { Flag } from "./types";
import { goToLower } from "../util/go-text";

export type FlagKind = "bool" | "string" | "strings";

export interface FlagSpec {
  readonly name: string;
  readonly kind: FlagKind;
}

export interface FlagValues {
  /** Flags given, by name, in order (one entry except for repeatable flags). */
  readonly used: ReadonlyMap<string, readonly Flag[]>;
  /** The value of a string flag (last one), or null when not given. */
  string(name: string): MappedText | null;
  /** A bool flag's value: BuildKit's "true"/"false" comparison. */
  bool(name: string): boolean;
  /** Every value of a repeatable flag, in order. */
  strings(name: string): readonly Flag[];
}

export type FlagsResult =
  | { readonly ok: true; readonly values: FlagValues }
  | { readonly ok: false; readonly error: string; readonly flag: Flag };

/** BFlags.Parse over `flags` with the instruction's flag definitions (in registration order, for suggestions). */
/** Most instructions carry no flag: one shared answer, no maps to allocate. */
const NO_FLAGS: FlagsResult = {
  ok: true,
  values: { used: new Map(), string: () => null, bool: () => false, strings: () => [] },
};

export function parseFlags(flags: readonly Flag[], specs: readonly FlagSpec[]): FlagsResult {
  if (flags.length === 0) return NO_FLAGS;
  const used = new Map<string, Flag[]>();
  const bools = new Map<string, boolean>();
  for (const flag of flags) {
    const flagName = "--" + flag.name;
    const spec = specs.find((s) => s.name === flag.name);
    if (spec === undefined) {
      const names = specs.map((s) => s.name);
      return { ok: false, error: withSuggestion(`unknown flag: ${flagName}`, flag.name, names, true), flag };
    }
    const seen = used.get(flag.name);
    if (seen !== undefined && spec.kind !== "strings") {
      return { ok: false, error: `duplicate flag specified: ${flagName}`, flag };
    }
    if (seen === undefined) used.set(flag.name, [flag]);
    else seen.push(flag);
    const value = flag.value;
    if (spec.kind === "bool") {
      if (value !== null && value.text === "")
        return { ok: false, error: `missing a value on flag: ${flagName}`, flag };
      const lower = value === null ? "" : goToLower(value.text);
      if (lower === "true" || lower === "") bools.set(flag.name, true);
      else if (lower === "false") bools.set(flag.name, false);
      else {
        return { ok: false, error: `expecting boolean value for flag ${flagName}, not: ${value?.text ?? ""}`, flag };
      }
    } else if (value === null) {
      return { ok: false, error: `missing a value on flag: ${flagName}`, flag };
    }
  }
  return {
    ok: true,
    values: {
      used,
      string: (name) => {
        const list = used.get(name);
        return list?.[list.length - 1]?.value ?? null;
      },
      bool: (name) => bools.get(name) ?? false,
      strings: (name) => used.get(name) ?? [],
    },
  };
}
