/** The motivating report (moby/buildkit#2598): one apk cache shared by amd64 and arm64. */
export const DEFAULT_DOCKERFILE = `FROM alpine:latest AS base
RUN --mount=type=cache,sharing=locked,target=/var/cache/apk \\
    apk add python3 py3-pip py3-wheel
`;

export const DEFAULT_PLATFORMS: readonly string[] = ["linux/amd64", "linux/arm64"];
