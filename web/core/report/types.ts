/**
 * The Report: everything analyze() knows, as plain structured-cloneable data.
 * The playground, the CLI formatters, the share export and the tests all read it.
 * See ../shared/docs/design.md "The Report".
 */
import type { Range } from "../source";

export type Severity = "error" | "warning" | "info";
export type Sharing = "shared" | "private" | "locked";
export type FixStyle = "TARGETPLATFORM" | "TARGETARCH+TARGETVARIANT" | "TARGETARCH";

export interface AnalyzeOptions {
  /** Target platforms as the user typed them (buildx syntax, already split on commas). Empty = the build platform. */
  readonly platforms: readonly string[];
  /** Build platform, default `linux/amd64`. */
  readonly buildPlatform?: string;
  /** `--build-arg` values (BUILDKIT_CACHE_MOUNT_NS included). */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** `--target`, as typed. */
  readonly target?: string;
  /** Style of the ids the fixer writes. */
  readonly fixStyle?: FixStyle;
}

export interface PlatformResult {
  /** As requested. */
  readonly requested: string;
  /** Normalized (`linux/x86_64` → `linux/amd64`), or null when it does not parse. */
  readonly normalized: string | null;
  /** The error BuildKit stops with for this platform (exact message), or null. */
  readonly error: string | null;
  /** Where the error points in the Dockerfile, when it comes from the Dockerfile. */
  readonly errorRange: Range | null;
}

export interface StageInfo {
  readonly index: number;
  /** Lower-cased name, or null. */
  readonly name: string | null;
  /** 1-based line of the FROM. */
  readonly line: number;
  /** Base as written. */
  readonly base: string;
  /** `--platform` expression as written, or null. */
  readonly platformExpr: string | null;
  /** Built for at least one requested platform (reachable from the target). */
  readonly built: boolean;
}

/** One step of a derivation, in plain words, with the inputs it used. */
export interface TraceStep {
  /** What kind of step this is, for styling and tests. */
  readonly kind:
    | "written"
    | "variable"
    | "undeclared-platform-arg"
    | "undefined-variable"
    | "expanded"
    | "default-id"
    | "clean"
    | "namespace"
    | "key"
    | "workdir"
    | "base"
    | "exec-platform"
    | "sharing"
    | "error";
  /** A sentence for humans. Markdown-free; code spans are marked with backticks. */
  readonly text: string;
}

/** The base a new cache directory starts from (effective key = key + base identity). */
export type MountBase =
  | { readonly kind: "none" }
  | { readonly kind: "mkdir"; readonly uid: number; readonly gid: number; readonly mode: number }
  /** from=<stage|image>; `identity` equal across platforms iff the base is the same directory content. */
  | { readonly kind: "from"; readonly from: string; readonly source: string; readonly identity: string };

/** A cache mount cell: one mount on one platform. */
export interface MountCell {
  /** Index into Report.platforms. */
  readonly platformIndex: number;
  /** False when the stage is not built for this platform's target (or the platform failed). */
  readonly built: boolean;
  /** Mount point as BuildKit sets it (relative targets joined to WORKDIR). */
  readonly target: string;
  /** Resolved id after defaulting. */
  readonly id: string;
  /** NS + "/" + id: exactly the string BuildKit sends. */
  readonly cacheKey: string;
  readonly sharing: Sharing;
  /** Normalized platform the RUN executes on. */
  readonly execPlatform: string;
  readonly hasBase: boolean;
  readonly base: MountBase;
  /** Effective key: cacheKey plus the base identity; equal ⇔ same directory. */
  readonly effectiveKey: string;
  /** Every variable a mount option referenced, in order (rules read these). */
  readonly variables: readonly VariableUse[];
  readonly trace: readonly TraceStep[];
}

/** A `$NAME` inside a mount option value, and what it was when the RUN was dispatched. */
export interface VariableUse {
  /** Mount option key (`id`, `target`, …). */
  readonly option: string;
  readonly name: string;
  /** False when the name was not in the RUN's environment (it expanded to ""). */
  readonly defined: boolean;
  readonly value: string | null;
}

/** A `type=cache` mount as written, with its cells per platform. */
export interface MountReport {
  /** Stable index in source order. */
  readonly index: number;
  /** 1-based first line of the RUN. */
  readonly line: number;
  /** Stage index and name. */
  readonly stageIndex: number;
  readonly stage: string | null;
  /** The `--mount` flag in the source. */
  readonly range: Range;
  /** The target as written (unexpanded), for labels. */
  readonly writtenTarget: string;
  /** The RUN's command (for catalogue hints like `apk add`). */
  readonly command: string;
  /** One per Report.platforms entry, same order. */
  readonly cells: readonly MountCell[];
}

export interface TextEdit {
  /** Half-open UTF-16 offsets into the analysed text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly description: string;
  /** safe: applied by "fix all"; suggested: offered, never automatic. */
  readonly safety: "safe" | "suggested";
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** Normalized platforms involved. */
  readonly platforms: readonly string[];
  /** Mount indexes involved. */
  readonly mounts: readonly number[];
  readonly fix: Fix | null;
}

export type Verdict = "unsafe" | "safe" | "unknown";

export interface CatalogueMatch {
  readonly tool: string;
  readonly verdict: Verdict;
  readonly needsLocked: boolean;
  readonly reason: string;
  /** Which pattern or hint matched, so the match explains itself. */
  readonly matchedBy: string;
}

export interface Collision {
  readonly effectiveKey: string;
  readonly cacheKey: string;
  /** Distinct execution platforms sharing the directory. */
  readonly execPlatforms: readonly string[];
  readonly cells: readonly { readonly mount: number; readonly platformIndex: number }[];
  readonly verdict: Verdict;
  readonly catalogue: CatalogueMatch | null;
}

/** The part of a Report the cache-key table shows: all but the findings and the fixed text. */
export type ReportTable = Omit<Report, "findings" | "fixed">;

export interface Report {
  readonly schema: 1;
  readonly buildPlatform: string;
  readonly platforms: readonly PlatformResult[];
  readonly stages: readonly StageInfo[];
  /** Name of the target stage (or null when none could be chosen). */
  readonly target: string | null;
  readonly mounts: readonly MountReport[];
  readonly collisions: readonly Collision[];
  readonly findings: readonly Finding[];
  /** The Dockerfile with every safe fix applied (identical when nothing to fix). */
  readonly fixed: string;
  /** Parser directives seen (a `syntax=` pinning another frontend deserves a notice). */
  readonly syntax: string | null;
}
