/**
 * Parse time, as BuildKit's Dockerfile frontend does it before any platform is
 * considered (dockerfile2llb toDispatchState up to instructions.Parse): every
 * error found here applies to every platform and every stage, built or not.
 */
import type { BuildkitError, Command, LintWarning, ParsedDockerfile } from "./types";
import { findDirective } from "./directives";
import { parseInstruction } from "./instructions";
import { parseNodes } from "./parser";
import { goQuote } from "../util/go-text";

export type * from "./types";
export { parseMountDispatch } from "./mount";
export type { ParsedMount, MountDispatchResult, ExpandResult } from "./mount";
export { parseCheckOptions } from "./directives";
export type { CheckOptions } from "./directives";
export { chompHeredocContent } from "./heredoc";
export { goQuote, goToLower } from "../util/go-text";

const RESERVED_STAGE_NAMES = new Set(["context", "scratch"]);

export function parseDockerfile(text: string): ParsedDockerfile {
  const syntax = findDirective(text, "syntax", true);
  const check = findDirective(text, "check", false);
  if (text.length === 0) {
    const error: BuildkitError = { message: "the Dockerfile cannot be empty", line: null, span: { start: 0, end: 0 } };
    return {
      directives: { escapeToken: "\\", syntax: null, check: null },
      commands: [],
      error,
      errors: [error],
      warnings: [],
    };
  }
  const errors: BuildkitError[] = [];
  const commands: Command[] = [];

  // instructions.Parse: ARGs before the first FROM are global; anything else there has no stage.
  // Each node becomes a command as soon as it is read (see parseNodes).
  let sawStage = false;
  let stages = 0;
  const parsed = parseNodes(text, (n) => {
    const cmd = parseInstruction(n);
    if (cmd.kind === "error") {
      errors.push({
        message: `dockerfile parse error on line ${n.startLine}: ${cmd.error}`,
        line: n.startLine,
        span: cmd.span,
      });
      if (n.node.lower === "from") sawStage = true; // keep later instructions in a stage
      return;
    }
    if (cmd.kind === "from") {
      sawStage = true;
      stages++;
    } else if (!sawStage && cmd.kind !== "arg") {
      errors.push({ message: "no build stage in current context", line: n.startLine, span: n.span });
      return;
    }
    commands.push(cmd);
  });
  // parser.Parse fails before instructions.Parse looks at any node: its error comes first.
  if (parsed.error !== null) errors.unshift(parsed.error);
  const directives = {
    escapeToken: parsed.escapeToken,
    syntax: syntax === null ? null : { value: syntax.value, span: syntax.span },
    check: check === null ? null : { value: check.value, span: check.span },
  };
  const warnings: LintWarning[] = [...parsed.warnings];
  if (errors.length === 0 && stages === 0) {
    errors.push({
      message: "dockerfile contains no stages to build",
      line: null,
      span: { start: 0, end: text.length },
    });
  }
  if (errors.length === 0) warnings.push(...stageNameWarnings(commands));
  return { directives, commands, error: errors[0] ?? null, errors, warnings };
}

/** validateStageNames (dockerfile2llb/validations.go): reserved and duplicate stage names. */
function stageNameWarnings(commands: readonly Command[]): LintWarning[] {
  const out: LintWarning[] = [];
  const seen = new Set<string>();
  for (const c of commands) {
    if (c.kind !== "from" || c.stageName === null) continue;
    const span = c.stageNameSpan ?? c.span;
    const reserved = RESERVED_STAGE_NAMES.has(c.stageName);
    const duplicate = seen.has(c.stageName);
    seen.add(c.stageName);
    if (!reserved && !duplicate) continue;
    const quoted = goQuote(c.stageName);
    if (reserved) {
      out.push({
        rule: "ReservedStageName",
        message: `Stage name should not use the same name as reserved stage ${quoted}`,
        span,
      });
    }
    if (duplicate) {
      out.push({
        rule: "DuplicateStageName",
        message: `Duplicate stage name ${quoted}, stage names should be unique`,
        span,
      });
    }
  }
  return out;
}
