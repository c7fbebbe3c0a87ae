/**
 * parse → resolve → runRules, as analyze() composes them, for the tests of
 * rules/ and fix/ (and anyone who needs the rules' view without the Report).
 */
import { parseDockerfile } from "../parse/index";
import type { ParsedDockerfile } from "../parse/types";
import type { AnalyzeOptions } from "../report/types";
import { resolve, type Resolution } from "../resolve/index";
import { runRules, type RuleOutput } from "./index";

export interface RuleRun extends RuleOutput {
  readonly parsed: ParsedDockerfile;
  readonly resolution: Resolution;
}

export function runPipeline(text: string, options: AnalyzeOptions): RuleRun {
  const parsed = parseDockerfile(text);
  const resolution = resolve(parsed, text, options);
  return { parsed, resolution, ...runRules({ text, parsed, resolution, options }) };
}

/** The findings of one rule. */
export function findingsOf(text: string, options: AnalyzeOptions, ruleId: string): RuleOutput["findings"] {
  return runPipeline(text, options).findings.filter((f) => f.ruleId === ruleId);
}
