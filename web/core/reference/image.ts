/**
 * How BuildKit turns a base name into an image reference:
 * df/dockerfile2llb/convert.go resolveBaseImage runs
 * `reference.ParseNormalizedNamed` then `TagNameOnly(ref).String()` and
 * wraps a failure as `failed to parse stage name %q: …`. The same function
 * resolves every base that is not a stage: `FROM <image>` (after global-ARG
 * expansion), `RUN --mount from=<image>` and `COPY --from=<image>`, for
 * every stage, built or not.
 */
import { goQuote } from "../expand/go-strings";
import { familiarString, parseNormalizedNamed, referenceString, tagNameOnly } from "./parse";

export type ImageReferenceResult =
  | {
      readonly ok: true;
      /** The short form Docker shows (`busybox`, `busybox:1.36`, `ghcr.io/o/r`): FamiliarString of the parsed name. */
      readonly familiar: string;
      /** What BuildKit pulls: `docker.io/library/busybox:latest` (TagNameOnly(ref).String()). */
      readonly normalized: string;
    }
  | { readonly ok: false; readonly error: string };

/** ParseNormalizedNamed + TagNameOnly; `error` is distribution/reference's text. */
export function parseImageReference(s: string): ImageReferenceResult {
  const r = parseNormalizedNamed(s);
  if (!r.ok) return r;
  return { ok: true, familiar: familiarString(r.ref), normalized: referenceString(tagNameOnly(r.ref)) };
}

/** A `FROM` base that names no stage, with BuildKit's full error text. */
export function parseStageBase(baseName: string): ImageReferenceResult {
  const r = parseImageReference(baseName);
  return r.ok ? r : { ok: false, error: `failed to parse stage name ${goQuote(baseName)}: ${r.error}` };
}

/**
 * A `RUN --mount from=` value that names no stage (`from=0` →
 * `docker.io/library/0:latest`). BuildKit resolves it as the base of an
 * unnamed stage, so it is exactly parseStageBase, errors included.
 */
export function parseMountFromImage(from: string): ImageReferenceResult {
  return parseStageBase(from);
}
