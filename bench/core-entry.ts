/**
 * What the benchmark times: the full entry point and each phase on its own, so
 * the bench can time them separately (the core reads no clock).
 */
export { analyze } from "../web/core/analyze";
export { parseDockerfile } from "../web/core/parse/index";
export { resolve } from "../web/core/resolve/index";
export { runRules } from "../web/core/rules/index";
export { generateDockerfile } from "./generate";
