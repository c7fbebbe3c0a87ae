/**
 * Deterministic generator of realistic Dockerfiles for the benchmark and the fuzz
 * tests: multi-stage builds with global and stage ARGs, ENV, WORKDIR, heredocs,
 * cross-compiling stages and about one cache mount every five lines.
 */

/** A tiny seeded PRNG (mulberry32): the same seed always gives the same file. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stage: its lines, given its number and, when it has one, the stage it copies from. */
type Block = (n: number, from: string | null) => { readonly name: string; readonly lines: string[] };

const copyFrom = (from: string | null): string[] => (from === null ? [] : [`COPY --from=${from} /out /deps/${from}`]);

const BLOCKS: readonly Block[] = [
  (n, from) => ({
    name: `build${n}`,
    lines: [
      `FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build${n}`,
      "ARG TARGETOS TARGETARCH",
      "WORKDIR /src",
      ...copyFrom(from),
      "ENV CGO_ENABLED=0 GOFLAGS=-trimpath",
      "RUN --mount=type=cache,target=/go/pkg/mod \\",
      "    --mount=type=bind,target=. \\",
      "    go mod download",
      "RUN --mount=type=cache,target=/root/.cache/go-build,id=gobuild-$TARGETARCH \\",
      `    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app${n} ./cmd/app`,
    ],
  }),
  (n, from) => ({
    name: `runtime${n}`,
    lines: [
      `FROM alpine:3.20 AS runtime${n}`,
      "RUN --mount=type=cache,target=/var/cache/apk,sharing=locked \\",
      "    apk add ca-certificates tzdata",
      ...copyFrom(from),
      "USER 65532:65532",
    ],
  }),
  (n, from) => ({
    name: `web${n}`,
    lines: [
      `FROM node:22-bookworm AS web${n}`,
      "WORKDIR /app",
      "ARG NODE_ENV=production",
      ...copyFrom(from),
      "RUN --mount=type=cache,target=/root/.npm \\",
      "    --mount=type=cache,target=/app/node_modules \\",
      "    npm ci --omit=dev",
    ],
  }),
  (n, from) => ({
    name: `deb${n}`,
    lines: [
      `FROM debian:bookworm-slim AS deb${n}`,
      "ARG TARGETPLATFORM",
      "RUN rm -f /etc/apt/apt.conf.d/docker-clean",
      ...copyFrom(from),
      `RUN --mount=type=cache,id=apt-\${TARGETPLATFORM},target=/var/cache/apt,sharing=locked \\`,
      "    --mount=type=cache,target=/var/lib/apt,sharing=locked \\",
      "    apt-get update && apt-get install -y --no-install-recommends curl",
    ],
  }),
  (n, from) => ({
    name: `py${n}`,
    lines: [
      `FROM python:3.12-slim AS py${n}`,
      "ENV PIP_DISABLE_PIP_VERSION_CHECK=1",
      ...copyFrom(from),
      "RUN --mount=type=cache,target=/root/.cache/pip <<EOF",
      "set -e",
      "pip install --upgrade pip",
      "pip install requests",
      "EOF",
    ],
  }),
  (n, from) => ({
    name: `rust${n}`,
    lines: [
      `FROM rust:1.80 AS rust${n}`,
      "WORKDIR /usr/src/app",
      ...copyFrom(from),
      "RUN --mount=type=cache,target=/usr/local/cargo/registry \\",
      "    --mount=type=cache,target=target \\",
      "    cargo build --release",
    ],
  }),
];

/**
 * A Dockerfile of about `lines` lines (never more), made of realistic stages
 * picked by `seed`. Every stage is built for the last one, as in a real file:
 * stages come in short chains (each copies from the one before), and a final
 * `release` stage copies from the end of every chain, so the resolver
 * dispatches every stage on every platform rather than skipping unreachable ones.
 */
export function generateDockerfile(lines: number, seed = 1): string {
  const random = prng(seed);
  const out: string[] = ["# syntax=docker/dockerfile:1", "ARG GO_VERSION=1.23", "ARG BASE=alpine:3.20", ""];
  const chainEnds: string[] = [];
  let previous: string | null = null;
  let left = 0;
  for (let n = 0; ; n++) {
    if (left === 0) {
      // A new chain of 1 to 8 stages.
      if (previous !== null) chainEnds.push(previous);
      previous = null;
      left = 1 + Math.floor(random() * 8);
    }
    const block = (BLOCKS[Math.floor(random() * BLOCKS.length)] ?? BLOCKS[0]!)(n, previous);
    // Room for this stage, a blank line, and the release stage (FROM, one COPY per chain, RUN).
    const releaseLines = 2 + chainEnds.length + 1 + 1;
    if (out.length + block.lines.length + 1 + releaseLines > lines && n > 0) break;
    out.push(...block.lines, "");
    previous = block.name;
    left--;
  }
  if (previous !== null) chainEnds.push(previous);
  out.push("FROM alpine:3.20 AS release");
  for (const end of chainEnds) out.push(`COPY --from=${end} /out /opt/${end}`);
  out.push("RUN --mount=type=cache,target=/var/cache/apk apk add ca-certificates");
  return out.join("\n") + "\n";
}
