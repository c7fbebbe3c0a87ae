/**
 * The fixer: rules describe fixes as intents (types.ts), plan.ts turns them
 * into minimal edits on the original text, and applyEdits is the one function
 * the CLI (`--fix`, `--write`) and the playground ("Apply") use.
 */
export { applyEdits, normalizeEdits } from "./apply-edits";
export { planEdits } from "./plan";
export { buildSourceModel, type SourceModel } from "./source-model";
export type { FixIntent } from "./types";
