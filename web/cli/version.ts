/**
 * Names and versions the CLI prints. The package.json import is inlined by a
 * bundler and read by tsx, so both the checkout and an installed build work.
 */
import pkg from "../../package.json" with { type: "json" };

/** The command name (package.json "bin"). */
export const COMMAND_NAME = "cache-mount-playground";

export const TOOL_VERSION: string = pkg.version;

/** Where the playground is hosted: the default for --base-url. */
export const HOMEPAGE: string = pkg.homepage;

/**
 * The BuildKit releases whose Dockerfile frontend the analysis reproduces
 * (buildkit-semantics.md scope). Belongs in web/core next to analyze(); kept
 * here until the lead moves it there.
 */
export const BUILDKIT_REPRODUCED = "v0.24.0 – current";

export function versionLine(): string {
  return `${COMMAND_NAME} ${TOOL_VERSION} (reproduces BuildKit's Dockerfile frontend ${BUILDKIT_REPRODUCED})`;
}
