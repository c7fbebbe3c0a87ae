/**
 * dispatchRun's mounts (convert.go dispatchRun → RunCommand.Expand →
 * commands_runmount.go parseMount with the stage's expander, then
 * convert_runmount.go dispatchRunMounts). All mounts are parsed and
 * expanded first, then placed one by one; the first error stops the build.
 */
import type { VariableRef } from "../expand/index";
import { goQuote } from "../expand/index";
import type { MountField, MountSpec, RunCommand, Span } from "../parse/types";
import type { ParsedMount } from "../parse/mount";
import { parseMountDispatch } from "../parse/mount";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import { expandInStage, mountPoint, stageIdentity, unregisteredIdentity } from "./dispatch";
import { join } from "./go-path";
import type { FieldExpansion } from "./mount-cell";
import { buildCell } from "./mount-cell";
import { SCRATCH } from "./prepare";
import type { PreparedCommand, StopError } from "./types";

export interface ParsedRunMount {
  readonly mount: ParsedMount;
  readonly fieldOf: Readonly<Record<string, MountField>>;
  readonly expansions: ReadonlyMap<MountField, FieldExpansion>;
  /** No field has anything to expand: the same on every platform. */
  readonly literal: boolean;
}

/** Mirrors expand's fast path: without `$`, quotes or the escape token a word expands to itself. */
function isLiteralMount(spec: MountSpec, escape: string): boolean {
  const esc = escape.charCodeAt(0);
  for (const f of spec.fields) {
    const v = f.value?.text;
    if (v === undefined) continue;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 36 || c === 39 || c === 34 || c === esc || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) return false;
    }
  }
  return true;
}

export function dispatchRun(
  st: StageState,
  run: RunCommand,
  pc: PreparedCommand,
  span: Span,
  ctx: DispatchContext,
): StopError | null {
  // 1. Parse and expand every mount (setMountState with an expander).
  const mounts: ParsedRunMount[] = [];
  const escape = ctx.input.parsed.directives.escapeToken;
  for (const spec of run.mounts) {
    let literal = ctx.input.literalFlags.get(spec);
    if (literal === undefined) ctx.input.literalFlags.set(spec, (literal = isLiteralMount(spec, escape)));
    const cached = literal ? (ctx.input.literalMounts.get(spec) as ParsedRunMount | StopError | undefined) : undefined;
    let pm: ParsedRunMount | StopError;
    if (cached !== undefined) {
      pm = cached;
    } else {
      const expansions = new Map<MountField, FieldExpansion>();
      const r = parseMountDispatch(spec.fields, (value, field) => {
        if (literal) return { ok: true, value };
        const e = expandInStage(st, value, field.span, ctx);
        expansions.set(field, {
          written: value,
          value: e.ok ? e.value : "",
          uses: e.uses,
          values: valuesOf(st, e.uses),
        });
        return e.ok ? { ok: true, value: e.value } : { ok: false, error: e.error };
      });
      pm = r.ok
        ? { mount: r.mount, fieldOf: r.fieldOf, expansions, literal }
        : { message: r.error, span: r.field?.span ?? spec.flag.span };
      if (literal) ctx.input.literalMounts.set(spec, pm);
    }
    if ("message" in pm) return pm;
    mounts.push(pm);
  }

  // 2. Place them (dispatchRunMounts).
  for (let i = 0; i < mounts.length; i++) {
    const pm = mounts[i] as ParsedRunMount;
    const spec = run.mounts[i];
    const m = pm.mount;
    let from = m.from;
    if (from === "" && m.type === "cache") from = SCRATCH;
    let srcScratch = true;
    let srcIdentity = "scratch";
    let srcLabel = from;
    if (from !== "") {
      const srcIndex = pc.sources[i] ?? -1;
      const src = ctx.states[srcIndex];
      if (src !== undefined) {
        if (!src.dispatched) {
          return {
            message: `cannot mount from stage ${goQuote(from)} to ${goQuote(m.target)}, stage needs to be defined before current command`,
            span: spec?.flag.span ?? span,
          };
        }
        srcScratch = src.scratch;
        srcIdentity = stageIdentity(src);
        srcLabel = src.stage.stageName;
      } else {
        const u = ctx.unregistered[srcIndex - ctx.states.length];
        srcScratch = u === undefined || u.ref === null;
        srcIdentity = unregisteredIdentity(srcIndex, ctx);
        srcLabel = u?.ref ?? from;
      }
    }
    if (m.type === "tmpfs") {
      srcScratch = true;
      srcIdentity = "scratch";
    }
    if (m.type === "secret") continue;
    if (m.type === "ssh") {
      if (m.source !== "") return { message: "ssh does not support source", span: spec?.flag.span ?? span };
      continue;
    }
    const target = mountPoint(st.dir, m.target);
    if (target === "/") return { message: `invalid mount target ${goQuote(target)}`, span: spec?.flag.span ?? span };

    if (m.type === "cache" && spec !== undefined) {
      const sourcePath = m.source === "" ? "/" : join("/", m.source);
      ctx.cells.push(
        buildCell({
          st,
          ctx,
          run,
          spec,
          mountIndex: i,
          trigger: pc.trigger !== null,
          parsed: pm,
          mountPoint: target,
          from,
          fromExplicit: m.from !== "",
          srcScratch,
          srcIdentity,
          srcLabel,
          sourcePath,
        }),
      );
    }
  }

  // An ExecOp carries its platform: the stage's content is now platform-specific.
  st.scratch = false;
  st.platformSpecific = true;
  return null;
}

function valuesOf(st: StageState, uses: readonly VariableRef[]): (string | null)[] {
  return uses.map((u) => (u.defined ? (st.env.get(u.name) ?? null) : null));
}
