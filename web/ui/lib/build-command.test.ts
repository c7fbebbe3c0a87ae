import { describe, expect, it } from "vitest";
import { parseBuildCommand, shellWords } from "./build-command";

describe("shellWords", () => {
  it("resolves quotes, escapes and backslash-newline continuations like a shell", () => {
    expect(shellWords(`docker build --build-arg 'A=x y' --build-arg "B=\\"q\\"" \\\n  --target=app C\\ D`)).toEqual({
      words: ["docker", "build", "--build-arg", "A=x y", "--build-arg", 'B="q"', "--target=app", "C D"],
      dollar: false,
    });
  });

  it("flags an unclosed quote", () => {
    expect(shellWords(`docker build 'x`)).toEqual({ error: "A single quote is not closed." });
    expect(shellWords(`docker build "x`)).toEqual({ error: "A double quote is not closed." });
  });

  it("notes $ outside single quotes, which it does not expand", () => {
    expect(shellWords(`docker build --build-arg V=$HOME '$NOT'`)).toEqual({
      words: ["docker", "build", "--build-arg", "V=$HOME", "$NOT"],
      dollar: true,
    });
  });
});

describe("parseBuildCommand", () => {
  it("resolves platforms, build args and target of docker buildx build", () => {
    const r = parseBuildCommand(
      "docker buildx build --platform linux/amd64,linux/arm64 --platform=linux/arm/v7 --build-arg BUILDKIT_CACHE_MOUNT_NS=proj --build-arg=X=a=b -t img:1 --target build --push .",
    );
    expect(r).toEqual({
      ok: true,
      command: {
        platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7"],
        buildArgs: [
          { key: "BUILDKIT_CACHE_MOUNT_NS", value: "proj" },
          { key: "X", value: "a=b" },
        ],
        target: "build",
        notes: [],
      },
    });
  });

  it("keeps platforms null when the command has no --platform, and skips values of other flags", () => {
    const r = parseBuildCommand("sudo DOCKER_BUILDKIT=1 docker build -f ci/Dockerfile -t --target .");
    expect(r).toEqual({
      ok: true,
      command: {
        platforms: null,
        buildArgs: [],
        target: null,
        notes: ["The Dockerfile comes from the editor, not from ci/Dockerfile."],
      },
    });
  });

  it("accepts docker image build, docker builder build and docker buildx b", () => {
    for (const cmd of [
      "docker image build --target a .",
      "docker builder build --target a .",
      "docker buildx b --target a .",
    ]) {
      const r = parseBuildCommand(cmd);
      expect(r.ok && r.command.target).toBe("a");
    }
  });

  it("notes a --build-arg without a value, which would come from the environment", () => {
    const r = parseBuildCommand("docker build --build-arg HTTP_PROXY .");
    expect(r).toEqual({
      ok: true,
      command: {
        platforms: null,
        buildArgs: [],
        target: null,
        notes: ["--build-arg HTTP_PROXY takes its value from your environment, which we cannot see."],
      },
    });
  });

  it("flags commands that are not docker builds", () => {
    expect(parseBuildCommand("docker run alpine")).toEqual({
      ok: false,
      error: "This is not a `docker build` or `docker buildx build` command.",
    });
    expect(parseBuildCommand("   ")).toEqual({
      ok: false,
      error: "Paste a command such as `docker buildx build --platform linux/amd64,linux/arm64 .`",
    });
  });
});
