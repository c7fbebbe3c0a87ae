/**
 * What each mount's built cells look like, in a few bits, from one pass over
 * the resolver's cells per analysis. Several rules ask the same yes/no
 * questions of every mount (does it use an undefined variable, a relative
 * default id, the architecture without the variant?) and the answer is
 * usually no: the bits let them skip those mounts without walking their cells
 * and variables again. At 10,000 lines each such walk is a pass over cold
 * memory, one per rule; now there is one.
 */
import { AUTOMATIC_ARGS } from "./platform-values";
import type { RuleContext } from "./types";

/** A built cell looks up an automatic platform ARG that is not defined there. */
export const UNDEFINED_AUTOMATIC = 1;
/** A built cell looks up another name that is not defined there. */
export const UNDEFINED_OTHER = 2;
/** A built cell's id does not start with `/` (a relative default id, or an id written so). */
export const RELATIVE_ID = 4;
/** The id option of a built cell uses TARGETARCH, TARGETVARIANT, TARGETPLATFORM, BUILDARCH, BUILDVARIANT or BUILDPLATFORM. */
export const ID_TARGETARCH = 8;
export const ID_TARGETVARIANT = 16;
export const ID_TARGETPLATFORM = 32;
export const ID_BUILDARCH = 64;
export const ID_BUILDVARIANT = 128;
export const ID_BUILDPLATFORM = 256;

const ID_USES: Readonly<Record<string, number>> = {
  TARGETARCH: ID_TARGETARCH,
  TARGETVARIANT: ID_TARGETVARIANT,
  TARGETPLATFORM: ID_TARGETPLATFORM,
  BUILDARCH: ID_BUILDARCH,
  BUILDVARIANT: ID_BUILDVARIANT,
  BUILDPLATFORM: ID_BUILDPLATFORM,
};

const memo = new WeakMap<RuleContext, Uint16Array>();

/** The mount's bits (0 for an index out of range). */
export function mountFlags(ctx: RuleContext, mount: number): number {
  let flags = memo.get(ctx);
  if (flags === undefined) memo.set(ctx, (flags = computeFlags(ctx)));
  return flags[mount] ?? 0;
}

function computeFlags(ctx: RuleContext): Uint16Array {
  const { mounts } = ctx.resolution;
  const flags = new Uint16Array(mounts.length);
  for (let i = 0; i < mounts.length; i++) {
    let f = 0;
    for (const cell of mounts[i]?.cells ?? []) {
      if (!cell.built) continue;
      if (!cell.id.startsWith("/")) f |= RELATIVE_ID;
      for (const v of cell.variables) {
        if (!v.defined) f |= AUTOMATIC_ARGS.has(v.name) ? UNDEFINED_AUTOMATIC : UNDEFINED_OTHER;
        if (v.option === "id" && Object.hasOwn(ID_USES, v.name)) f |= ID_USES[v.name] ?? 0;
      }
    }
    flags[i] = f;
  }
  return flags;
}
