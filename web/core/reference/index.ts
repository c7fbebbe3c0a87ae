/**
 * Docker image references as BuildKit validates them
 * (distribution/reference v0.6.0, as vendored).
 */
export { parseImageReference, parseMountFromImage, parseStageBase, type ImageReferenceResult } from "./image";
