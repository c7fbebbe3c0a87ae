import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/index";
import { runPipeline } from "../rules/test-support";
import { applyEdits } from "./apply-edits";
import { planEdits } from "./plan";
import { buildSourceModel } from "./source-model";
import type { FixIntent } from "./types";

const BOTH = { platforms: ["linux/amd64", "linux/arm64"] };
const fixed = (text: string, options = BOTH) => runPipeline(text, options).fixed;

function plan(text: string, intents: FixIntent[]): string {
  const run = runPipeline(text, { platforms: ["linux/amd64"] });
  const model = buildSourceModel(text, run.parsed, run.resolution.mounts);
  return applyEdits(text, planEdits(model, intents));
}

describe("planEdits, in the original text", () => {
  it("keeps CRLF line ends in the ARG lines it adds", () => {
    expect(fixed("FROM alpine\r\nRUN --mount=type=cache,target=/var/cache/apk apk add git\r\n")).toBe(
      "FROM alpine\r\nARG TARGETPLATFORM\r\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk apk add git\r\n",
    );
  });

  it("keeps a backtick escape file's continuations and a missing final line break", () => {
    const text = "# escape=`\nFROM alpine\nRUN --mount=type=cache,`\ntarget=/var/cache/apk `\n    apk add git";
    expect(fixed(text)).toBe(
      "# escape=`\nFROM alpine\nARG TARGETPLATFORM\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,`\ntarget=/var/cache/apk `\n    apk add git",
    );
  });

  it("writes inside a quoted flag word and after a quoted CSV field", () => {
    const text =
      'FROM alpine\nRUN --mount="type=cache,target=/var/cache/apk" --mount=\'"type=cache",target=/etc/apk/cache\' apk add git\n';
    expect(fixed(text)).toBe(
      'FROM alpine\nARG TARGETPLATFORM\nRUN --mount="type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk" --mount=\'"type=cache",id=${TARGETPLATFORM}/etc/apk/cache,target=/etc/apk/cache\' apk add git\n',
    );
  });

  it("leaves heredoc bodies alone", () => {
    const text =
      "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk <<EOF\nRUN --mount=type=cache,target=/var/cache/apk true\napk add git\nEOF\n";
    expect(fixed(text)).toBe(
      "FROM alpine\nARG TARGETPLATFORM\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk <<EOF\nRUN --mount=type=cache,target=/var/cache/apk true\napk add git\nEOF\n",
    );
  });

  it("puts ARG lines after a multi-line FROM and the ARG lines under it, indented like them, before comments", () => {
    const text =
      "  FROM --platform=$BUILDPLATFORM \\\n    alpine AS b\n  ARG A\n  # apk\n  RUN --mount=type=cache,target=/var/cache/apk apk add git\nFROM alpine\nCOPY --from=b /x /x\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n";
    expect(fixed(text)).toBe(
      "  FROM --platform=$BUILDPLATFORM \\\n    alpine AS b\n  ARG A\n  ARG BUILDPLATFORM\n  # apk\n  RUN --mount=type=cache,id=${BUILDPLATFORM}/var/cache/apk,target=/var/cache/apk apk add git\nFROM alpine\nARG TARGETPLATFORM\nCOPY --from=b /x /x\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk apk add curl\n",
    );
  });

  it("composes a prefix, a suffix and a sharing mode on one mount, and ARGs in canonical order", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,id=apk,target=/var/cache/apk,sharing=shared apk add git\n";
    const intents: FixIntent[] = [
      { kind: "declare-arg", stage: 0, name: "TARGETVARIANT" },
      { kind: "id-suffix", mount: 0, text: "${TARGETVARIANT}", defaultId: "/var/cache/apk" },
      { kind: "sharing", mount: 0, value: "private" },
      { kind: "declare-arg", stage: 0, name: "TARGETPLATFORM" },
      { kind: "id-prefix", mount: 0, text: "${TARGETPLATFORM}/", defaultId: "/var/cache/apk" },
      { kind: "sharing", mount: 0, value: "locked" },
      { kind: "declare-arg", stage: 0, name: "TARGETVARIANT" },
    ];
    const expected =
      "FROM alpine\nARG TARGETPLATFORM\nARG TARGETVARIANT\nRUN --mount=type=cache,id=${TARGETPLATFORM}/apk${TARGETVARIANT},target=/var/cache/apk,sharing=locked apk add git\n";
    expect(plan(text, intents)).toBe(expected);
    expect(plan(text, [...intents].reverse())).toBe(expected);
  });

  it("writes one new id field for a mount without one, whatever the rules asked for", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n";
    expect(
      plan(text, [
        { kind: "ensure-id", mount: 0, defaultId: "/var/cache/apk" },
        { kind: "id-prefix", mount: 0, text: "${TARGETPLATFORM}", defaultId: "/var/cache/apk" },
        { kind: "sharing", mount: 0, value: "locked" },
      ]),
    ).toBe(
      "FROM alpine\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,sharing=locked,target=/var/cache/apk apk add git\n",
    );
  });

  it("fills an empty `id=` in place", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,id=,target=/x true\n";
    expect(plan(text, [{ kind: "ensure-id", mount: 0, defaultId: "/x" }])).toBe(
      "FROM alpine\nRUN --mount=type=cache,id=/x,target=/x true\n",
    );
  });

  it("adds the ARG after the last line of a stage that ends the file without a line break", () => {
    const text = "FROM alpine";
    const model = buildSourceModel(text, parseDockerfile(text), []);
    expect(applyEdits(text, planEdits(model, [{ kind: "declare-arg", stage: 0, name: "TARGETARCH" }]))).toBe(
      "FROM alpine\nARG TARGETARCH",
    );
  });
});
