/**
 * The shape of a rule: one plain object per module (hadolint's one rule per
 * file, biome's separate detect / describe / fix), plus the context every
 * check reads. Rules only read; the fixes they return are intents that fix/
 * turns into text edits.
 */
import type { CatalogueMatch, Collision, Finding, Severity } from "../report/types";
import type { AnalyzeOptions } from "../report/types";
import type { ParsedDockerfile } from "../parse/types";
import type { Resolution } from "../resolve/types";
import type { LineIndex } from "../source";
import type { SourceModel } from "../fix/source-model";
import type { FixIntent } from "../fix/types";
import type { ScopeIndex } from "./scope";

/** What runRules needs: the text, the parser's output, the resolver's output, and the options they used. */
export interface RuleInput {
  readonly text: string;
  readonly parsed: ParsedDockerfile;
  readonly resolution: Resolution;
  readonly options: AnalyzeOptions;
}

/** A Dockerfile plus the settings to analyse it with (rule docs, examples, tests). */
export interface RuleExample {
  readonly dockerfile: string;
  readonly options: AnalyzeOptions;
}

export interface RuleDocs {
  /** Why it matters, in a few sentences (plain text, code marked with backticks). */
  readonly why: string;
  /** A Dockerfile the rule flags. */
  readonly bad: RuleExample;
  /** The same Dockerfile written so that the rule stays quiet. */
  readonly good: RuleExample;
}

/** A fix as a rule returns it: intents, planned into edits by runRules. */
export interface RuleFix {
  readonly description: string;
  readonly safety: "safe" | "suggested";
  readonly intents: readonly FixIntent[];
  /**
   * Other ways to the same result, in order of preference: when a safe fix
   * would merge two caches together with the other fixes (fix-guard.ts), "fix
   * all" takes the first alternative that does not. Computed only then.
   */
  readonly alternatives?: () => readonly { readonly description: string; readonly intents: readonly FixIntent[] }[];
}

/** A finding as a rule returns it (runRules adds the id and plans the edits). */
export interface RuleFinding extends Omit<Finding, "ruleId" | "fix"> {
  readonly fix: RuleFix | null;
}

/**
 * A rule's docs are a second export of its module (`docs`), not a field of
 * `rule`: the analysis worker imports only the checks, so the examples and
 * prose stay out of the JavaScript the first table waits for (issue 7);
 * rules/docs.ts joins them for rule pages, SARIF and tests.
 */
export interface Rule {
  /** kebab-case; also the file name and the docs slug. */
  readonly id: string;
  /** Default severity (a check may lower it, e.g. with the catalogue's verdict). */
  readonly severity: Severity;
  /** One sentence. */
  readonly summary: string;
  /** safe: applied by "fix all"; suggested: offered, never automatic; none: no fix. */
  readonly fixSafety: "safe" | "suggested" | "none";
  readonly check: (ctx: RuleContext) => readonly RuleFinding[];
}

/** One (mount, platform) cell, by index. */
export interface CellRef {
  readonly mount: number;
  readonly platformIndex: number;
}

export interface RuleContext extends RuleInput {
  readonly lines: LineIndex;
  readonly source: SourceModel;
  readonly scope: ScopeIndex;
  /** Groups of built cells that share a directory across execution platforms. */
  readonly collisions: readonly Collision[];
  /** Catalogue match for one cell's target (memoised; by index: asked for every cell). */
  readonly catalogue: (mount: number, platformIndex: number) => CatalogueMatch | null;
  /** Normalized name of a platform (or what was requested, when it did not parse). */
  readonly platformName: (platformIndex: number) => string;
}

/** A rule with its docs (rules/docs.ts). */
export interface DocumentedRule extends Rule {
  readonly docs: RuleDocs;
}
