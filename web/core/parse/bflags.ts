/**
 * Flag validation at parse time (df/instructions/bflag.go BFlags.Parse).
 * Names are case-sensitive; the first problem in flag order is the error.
 * Once the flags pass, their values are read straight from the flag list
 * (an instruction has a handful): no maps or closures per instruction.
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

export interface FlagError {
  readonly error: string;
  readonly flag: Flag;
}

/** BFlags.Parse over `flags` with the instruction's flag definitions (in registration order, for suggestions): null when they pass. */
export function checkFlags(flags: readonly Flag[], specs: readonly FlagSpec[]): FlagError | null {
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    let spec: FlagSpec | null = null;
    for (let k = 0; k < specs.length; k++) {
      if (specs[k]!.name === flag.name) {
        spec = specs[k]!;
        break;
      }
    }
    if (spec === null) {
      const names = specs.map((s) => s.name);
      return { error: withSuggestion(`unknown flag: --${flag.name}`, flag.name, names, true), flag };
    }
    // Only repeatable flags may come back; the rest are few, so a look back is cheaper than a map.
    if (spec.kind !== "strings") {
      for (let j = 0; j < i; j++) {
        if (flags[j]!.name === flag.name) return { error: `duplicate flag specified: --${flag.name}`, flag };
      }
    }
    const value = flag.value;
    if (spec.kind === "bool") {
      if (value !== null && value.text === "") return { error: `missing a value on flag: --${flag.name}`, flag };
      const lower = value === null ? "" : goToLower(value.text);
      if (lower !== "true" && lower !== "" && lower !== "false") {
        return { error: `expecting boolean value for flag --${flag.name}, not: ${value?.text ?? ""}`, flag };
      }
    } else if (value === null) {
      return { error: `missing a value on flag: --${flag.name}`, flag };
    }
  }
  return null;
}

/** The value of a (checked) string flag: the last one given, or null when absent. */
export function flagValue(flags: readonly Flag[], name: string): MappedText | null {
  for (let i = flags.length - 1; i >= 0; i--) if (flags[i]!.name === name) return flags[i]!.value;
  return null;
}

const NONE: readonly Flag[] = Object.freeze([]);

/** Every flag named `name`, in order (the list itself when they all are, as on most RUNs). */
export function flagsNamed(flags: readonly Flag[], name: string): readonly Flag[] {
  let count = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i]!.name === name) count++;
  if (count === flags.length) return flags;
  if (count === 0) return NONE;
  return flags.filter((f) => f.name === name);
}
