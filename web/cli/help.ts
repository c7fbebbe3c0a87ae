/** `--help`: every option, its default, and the exit codes CI scripts rely on. */
import { BUILDKIT_REPRODUCED, COMMAND_NAME } from "./version";

export function helpText(homepage: string): string {
  return `Usage: ${COMMAND_NAME} [options] FILE...

Shows the cache key BuildKit uses for every RUN --mount=type=cache on every
target platform, and flags the mounts that collide across platforms.
Reproduces BuildKit's Dockerfile frontend ${BUILDKIT_REPRODUCED}.
FILE is a Dockerfile; - reads standard input. Several files may be given.

Build options (as in docker buildx build):
  --platform LIST        target platforms, comma-separated; repeatable
                         (default: the build platform)
  --build-platform P     platform of the builder (default: linux/amd64)
  --build-arg K=V        build argument; repeatable. K alone takes the value
                         from the environment, and is ignored when unset
  --target STAGE         stage to build (default: the last stage)

Fixing:
  --fix                  print the fixed Dockerfile instead of a report
  --write                rewrite each file with its safe fixes, then report
                         what remains (unchanged files are not touched)
  --style STYLE          id style of the fixes: TARGETPLATFORM (default),
                         TARGETARCH+TARGETVARIANT or TARGETARCH

Output:
  --format FORMAT        text (default), json, markdown, sarif, github, link
  --verbose              text: add the platforms and the table of cache keys
  --base-url URL         where the playground lives, for rule pages and links
                         (default: ${homepage})
  --fail-on LEVEL        error (default), warning, info or never

  -h, --help             show this help
  --version              show the version and the BuildKit versions reproduced

Exit status: 0 when no finding is at or above --fail-on, 1 when one is,
2 for a usage error, an unreadable file or a bad platform string.
Colour is used on a terminal unless NO_COLOR is set.
`;
}
