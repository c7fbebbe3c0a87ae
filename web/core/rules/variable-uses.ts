/** Undefined variables in a mount's options, over its built cells (rules undeclared-platform-arg and undefined-variable-in-mount). */
import { lastField } from "../fix/source-model";
import type { Range } from "../source";
import { mountFlags, UNDEFINED_AUTOMATIC, UNDEFINED_OTHER } from "./mount-flags";
import { AUTOMATIC_ARGS } from "./platform-values";
import type { RuleContext } from "./types";

export interface UndefinedUse {
  readonly name: string;
  /** Option keys that reference it, in order. */
  readonly options: readonly string[];
  /** Platform indexes of the built cells where it was undefined. */
  readonly platformIndexes: readonly number[];
}

const NONE: readonly UndefinedUse[] = [];

/** The undefined automatic platform ARGs (`automatic`) or the other undefined names a mount's options use. */
export function undefinedUses(ctx: RuleContext, mount: number, automatic: boolean): readonly UndefinedUse[] {
  // Most mounts use no undefined variable (mount-flags.ts): nothing to collect for them.
  if ((mountFlags(ctx, mount) & (automatic ? UNDEFINED_AUTOMATIC : UNDEFINED_OTHER)) === 0) return NONE;
  let byName: Map<string, { options: string[]; platformIndexes: number[] }> | null = null;
  for (const cell of ctx.resolution.mounts[mount]?.cells ?? []) {
    if (!cell.built) continue;
    for (const v of cell.variables) {
      if (v.defined || AUTOMATIC_ARGS.has(v.name) !== automatic) continue;
      byName ??= new Map();
      let u = byName.get(v.name);
      if (u === undefined) byName.set(v.name, (u = { options: [], platformIndexes: [] }));
      if (!u.options.includes(v.option)) u.options.push(v.option);
      if (!u.platformIndexes.includes(cell.platformIndex)) u.platformIndexes.push(cell.platformIndex);
    }
  }
  return byName === null ? NONE : [...byName].map(([name, u]) => ({ name, ...u }));
}

/** The range of the (last) field with this option key, else the whole `--mount`. */
export function optionRange(ctx: RuleContext, mount: number, option: string): Range {
  const src = ctx.source.mounts[mount];
  const field = src ? lastField(src.spec, option) : null;
  if (field) return ctx.lines.range(field.span);
  return ctx.resolution.mounts[mount]?.range ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}

/** The option as written, e.g. `id=go-$TARGETARCH`. */
export function optionText(ctx: RuleContext, mount: number, option: string): string | null {
  const src = ctx.source.mounts[mount];
  const field = src ? lastField(src.spec, option) : null;
  return field ? field.raw : null;
}
