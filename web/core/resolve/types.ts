/**
 * What resolve() returns, and its internal shapes.
 *
 * `Resolution` is the Report minus what later stages add (collisions,
 * findings, fixed), plus two things the Report has no field for:
 * - `lints`: the warnings BuildKit's linter prints while converting
 *   (UndefinedVar, ReservedStageName, DuplicateStageName), taken from the
 *   first platform like BuildKit prints them once. Parse-time warnings stay
 *   in ParsedDockerfile.warnings.
 * - `raceAlternatives`: BuildKit resolves base images in parallel goroutines
 *   (convert.go resolveReachableStages, errgroup): when several stage names
 *   are invalid, which error it prints is a race. `PlatformResult.error` holds
 *   the one BuildKit prints most often; this lists the others it may print.
 */
import type { Command, LintWarning, Span } from "../parse/types";
import type { MountReport, PlatformResult, StageInfo } from "../report/types";
import type { MountCache } from "./run";
import type { EnvLookup } from "../expand/index";

export interface ResolveExtras {
  /**
   * ENV of base images (`KEY=value` entries, in config order), keyed by the
   * image name as the FROM line gives it after expansion (`golang:1.22`) or
   * normalized (`docker.io/library/golang:1.22`). Default: none, like the
   * corpus's fake image resolver; BuildKit then adds only its default PATH.
   */
  readonly imageEnv?: Readonly<Record<string, readonly string[]>>;
  /** Dispatch every stage, as `docker build --check` does without a target (convert.go AllStages). */
  readonly allStages?: boolean;
}

export interface Resolution {
  readonly buildPlatform: string;
  readonly platforms: readonly PlatformResult[];
  readonly stages: readonly StageInfo[];
  readonly target: string | null;
  readonly mounts: readonly MountReport[];
  readonly syntax: string | null;
  readonly lints: readonly LintWarning[];
  /** Same order as `platforms`. */
  readonly raceAlternatives: readonly (readonly string[])[];
  /** Same order as `platforms`: each platform's global scope (PlatformOutcome.globals). */
  readonly globals: readonly (EnvLookup | null)[];
}

/** An error that stops one platform's conversion. */
export interface StopError {
  readonly message: string;
  readonly span: Span | null;
}

/** A command as a stage dispatches it, with the states it reads from (convert.go toCommand). */
export interface PreparedCommand {
  readonly command: Command;
  /** State index per source: COPY --from has one, RUN has one per --mount. */
  readonly sources: readonly number[];
  /** Set when this is an ONBUILD trigger of the base stage run in a child stage. */
  readonly trigger: { readonly stageIndex: number } | null;
  /** A RUN's per-mount lookups, made on its first dispatch and kept for the other platforms (run.ts). */
  mountCache: MountCache[] | null;
}
