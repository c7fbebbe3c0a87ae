/**
 * Which stages a platform's target needs (convert.go allReachableStages,
 * resolveStages, initOnBuildTriggers).
 */
import { parseStageBase } from "../reference/index";
import type { ConvertInput } from "./convert";
import type { OnbuildCommand } from "../parse/types";
import { copyFromSource, rawMountFroms, SCRATCH } from "./prepare";
import type { StageState } from "./stage-state";
import { NO_DEPS } from "./stage-state";
import type { PreparedCommand, StopError } from "./types";

/** allReachableStages: the target, its base chain and dependencies. */
export function markReachable(
  target: StageState,
  states: readonly StageState[],
  depsOf: (s: StageState) => readonly number[],
): void {
  for (const s of states) s.reachable = false;
  const stack: StageState[] = [target];
  while (stack.length > 0) {
    const s = stack.pop() as StageState;
    if (s.reachable) continue;
    s.reachable = true;
    if (s.base !== null) stack.push(s.base);
    for (const d of depsOf(s)) {
      const dep = states[d];
      if (dep !== undefined) stack.push(dep);
    }
  }
}

/**
 * initOnBuildTriggers: the base stage's ONBUILD instructions become the first
 * commands of this stage, with their own COPY --from / mount sources. The
 * parser already read each trigger as BuildKit re-parses it (default escape
 * token); a trigger that does not parse fails here, at the child's FROM.
 */
export function initTriggers(
  st: StageState,
  onbuilds: readonly OnbuildCommand[],
  input: ConvertInput,
  unregistered: { baseName: string; ref: string | null }[],
  registered: number,
): { newDeps: boolean } | StopError {
  let newDeps = false;
  const commands: PreparedCommand[] = [];
  const { prep } = input;
  const escape = input.parsed.directives.escapeToken;
  let refError: StopError | null = null;
  const resolveSource = (name: string): number => {
    const idx = prep.stageByName.get(name.toLowerCase());
    if (idx !== undefined) return idx;
    const r = name === SCRATCH ? null : parseStageBase(name);
    if (r !== null && !r.ok) refError ??= { message: r.error, span: st.stage.from.span };
    unregistered.push({ baseName: name, ref: r !== null && r.ok ? r.normalized : null });
    return registered + unregistered.length - 1;
  };
  for (const ob of onbuilds) {
    if (ob.innerError !== null) return { message: ob.innerError.message, span: st.stage.from.span };
    const c = ob.inner;
    if (c === null) continue;
    let sources: number[] = [];
    if (c.kind === "copy" && c.from !== null && c.from !== "") {
      const r = copyFromSource(c.from, escape, prep.stageByName, registered + unregistered.length, st.stage.from.span);
      if ("message" in r) return r;
      sources = [r.index ?? resolveSource(c.from)];
    } else if (c.kind === "run" && c.mounts.length > 0) {
      sources = rawMountFroms(c).map(resolveSource);
    }
    if (sources.length > 0) newDeps = true;
    for (const s of sources) {
      if (st.extraDeps === NO_DEPS) st.extraDeps = [];
      if (!st.extraDeps.includes(s)) st.extraDeps.push(s);
    }
    commands.push({
      command: c,
      sources,
      trigger: { stageIndex: st.base?.stage.index ?? st.stage.index },
      mountCache: null,
    });
  }
  st.triggers = commands;
  // The next resolveReachableStages round parses the new states' references.
  if (refError !== null) return refError;
  return { newDeps };
}
