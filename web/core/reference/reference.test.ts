/**
 * distribution/reference v0.6.0 normalize_test.go (TestValidateReferenceName,
 * TestValidateRemoteName, TestParseRepositoryInfo, …) with the exact results
 * and error texts, plus buildkit-semantics.md vectors 53, 54 and the corpus.
 */
import { describe, expect, it } from "vitest";
import { parseImageReference, parseMountFromImage, parseStageBase } from "./index";

type Expected = { readonly familiar: string; readonly normalized: string } | { readonly error: string };

const CASES: readonly (readonly [string, Expected])[] = [
  ["docker/docker", { familiar: "docker/docker", normalized: "docker.io/docker/docker:latest" }],
  ["library/debian", { familiar: "debian", normalized: "docker.io/library/debian:latest" }],
  ["debian", { familiar: "debian", normalized: "docker.io/library/debian:latest" }],
  ["localhost/library/debian", { familiar: "localhost/library/debian", normalized: "localhost/library/debian:latest" }],
  ["localhost/debian", { familiar: "localhost/debian", normalized: "localhost/debian:latest" }],
  [
    "LOCALDOMAIN/library/debian",
    { familiar: "LOCALDOMAIN/library/debian", normalized: "LOCALDOMAIN/library/debian:latest" },
  ],
  ["LOCALDOMAIN/debian", { familiar: "LOCALDOMAIN/debian", normalized: "LOCALDOMAIN/debian:latest" }],
  ["docker.io/docker/docker", { familiar: "docker/docker", normalized: "docker.io/docker/docker:latest" }],
  ["docker.io/library/debian", { familiar: "debian", normalized: "docker.io/library/debian:latest" }],
  ["docker.io/debian", { familiar: "debian", normalized: "docker.io/library/debian:latest" }],
  ["index.docker.io/docker/docker", { familiar: "docker/docker", normalized: "docker.io/docker/docker:latest" }],
  ["index.docker.io/library/debian", { familiar: "debian", normalized: "docker.io/library/debian:latest" }],
  ["index.docker.io/debian", { familiar: "debian", normalized: "docker.io/library/debian:latest" }],
  [
    "127.0.0.1:5000/docker/docker",
    { familiar: "127.0.0.1:5000/docker/docker", normalized: "127.0.0.1:5000/docker/docker:latest" },
  ],
  [
    "127.0.0.1:5000/library/debian",
    { familiar: "127.0.0.1:5000/library/debian", normalized: "127.0.0.1:5000/library/debian:latest" },
  ],
  ["127.0.0.1:5000/debian", { familiar: "127.0.0.1:5000/debian", normalized: "127.0.0.1:5000/debian:latest" }],
  ["192.168.0.1", { familiar: "192.168.0.1", normalized: "docker.io/library/192.168.0.1:latest" }],
  ["192.168.0.1:80", { familiar: "192.168.0.1:80", normalized: "docker.io/library/192.168.0.1:80" }],
  ["192.168.0.1:8/debian", { familiar: "192.168.0.1:8/debian", normalized: "192.168.0.1:8/debian:latest" }],
  ["192.168.0.2:25000/debian", { familiar: "192.168.0.2:25000/debian", normalized: "192.168.0.2:25000/debian:latest" }],
  [
    "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
    {
      familiar: "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
      normalized: "docker.io/library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev:latest",
    },
  ],
  ["[fc00::1]:5000/docker", { familiar: "[fc00::1]:5000/docker", normalized: "[fc00::1]:5000/docker:latest" }],
  [
    "[fc00::1]:5000/docker/docker",
    { familiar: "[fc00::1]:5000/docker/docker", normalized: "[fc00::1]:5000/docker/docker:latest" },
  ],
  [
    "[fc00:1:2:3:4:5:6:7]:5000/library/debian",
    {
      familiar: "[fc00:1:2:3:4:5:6:7]:5000/library/debian",
      normalized: "[fc00:1:2:3:4:5:6:7]:5000/library/debian:latest",
    },
  ],
  [
    "docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
    {
      familiar: "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
      normalized: "docker.io/library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a:latest",
    },
  ],
  ["Docker/docker", { familiar: "Docker/docker", normalized: "Docker/docker:latest" }],
  ["DOCKER/docker", { familiar: "DOCKER/docker", normalized: "DOCKER/docker:latest" }],
  ["docker-rules/docker", { familiar: "docker-rules/docker", normalized: "docker.io/docker-rules/docker:latest" }],
  [
    "docker---rules/docker",
    { familiar: "docker---rules/docker", normalized: "docker.io/docker---rules/docker:latest" },
  ],
  ["doc/docker", { familiar: "doc/docker", normalized: "docker.io/doc/docker:latest" }],
  ["d/docker", { familiar: "d/docker", normalized: "docker.io/d/docker:latest" }],
  ["jess/t", { familiar: "jess/t", normalized: "docker.io/jess/t:latest" }],
  ["dock__er/docker", { familiar: "dock__er/docker", normalized: "docker.io/dock__er/docker:latest" }],
  ["https://github.com/docker/docker", { error: "invalid reference format" }],
  ["docker/Docker", { error: "invalid reference format: repository name (docker/Docker) must be lowercase" }],
  ["-docker", { error: "invalid reference format" }],
  ["-docker/docker", { error: "invalid reference format" }],
  ["-docker.io/docker/docker", { error: "invalid reference format" }],
  ["docker///docker", { error: "invalid reference format" }],
  ["docker.io/docker/Docker", { error: "invalid reference format: repository name (docker/Docker) must be lowercase" }],
  ["docker.io/docker///docker", { error: "invalid reference format" }],
  ["[fc00::1]", { error: "invalid reference format" }],
  ["[fc00::1]:5000", { error: "invalid reference format" }],
  ["fc00::1:5000/debian", { error: "invalid reference format" }],
  ["[fe80::1%eth0]:5000/debian", { error: "invalid reference format" }],
  ["[2001:db8:3:4::192.0.2.33]:5000/debian", { error: "invalid reference format" }],
  [
    "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
    {
      error:
        "invalid repository name (1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a), cannot specify 64-byte hexadecimal strings",
    },
  ],
  ["docker-/docker", { error: "invalid reference format" }],
  ["-docker-/docker", { error: "invalid reference format" }],
  ["____/____", { error: "invalid reference format" }],
  ["_docker/_docker", { error: "invalid reference format" }],
  ["dock..er/docker", { error: "invalid reference format" }],
  ["dock_.er/docker", { error: "invalid reference format" }],
  ["dock-.er/docker", { error: "invalid reference format" }],
  ["docker/", { error: "invalid reference format" }],
  ["Builder", { error: "invalid reference format: repository name (library/Builder) must be lowercase" }],
  ["ghcr.io/projectbluefin/common:latest@", { error: "invalid reference format" }],
  ["ghcr.io/ublue-os/silverblue-main:42@", { error: "invalid reference format" }],
  ["busybox@sha256:abc", { error: "invalid reference format" }],
  [
    "busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    {
      familiar: "busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
      normalized: "docker.io/library/busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    },
  ],
  ["busybox@md5:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", { error: "unsupported digest algorithm" }],
  [
    "busybox@SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    { error: "invalid reference format: repository name (library/busybox@SHA256) must be lowercase" },
  ],
  [
    "busybox@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    { error: "invalid checksum digest format" },
  ],
  [
    "busybox@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    { error: "invalid checksum digest length" },
  ],
  ["Foo/Bar", { error: "invalid reference format: repository name (Bar) must be lowercase" }],
  ["foo:BAR", { familiar: "foo:BAR", normalized: "docker.io/library/foo:BAR" }],
  ["a:b:c", { error: "invalid reference format" }],
  ["FOO/bar:Tag", { familiar: "FOO/bar:Tag", normalized: "FOO/bar:Tag" }],
  ["0", { familiar: "0", normalized: "docker.io/library/0:latest" }],
  [
    "busybox:latest@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    {
      familiar: "busybox:latest@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      normalized:
        "docker.io/library/busybox:latest@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    },
  ],
  ["UPPER", { error: "invalid reference format: repository name (library/UPPER) must be lowercase" }],
  ["localhost:5000", { familiar: "localhost:5000", normalized: "docker.io/library/localhost:5000" }],
  ["İmage", { error: "invalid reference format: repository name (library/İmage) must be lowercase" }],
  ["-", { error: "invalid reference format" }],
  ["Foo_Bar/x", { error: "repository name must be lowercase" }],
  ["", { error: "invalid reference format" }],
  ["docker.io/library/busybox", { familiar: "busybox", normalized: "docker.io/library/busybox:latest" }],
  ["index.docker.io/library/foo/bar:1", { familiar: "library/foo/bar:1", normalized: "docker.io/library/foo/bar:1" }],
];

describe("parseImageReference", () => {
  it.each(CASES)("resolves %j", (input, expected) => {
    const r = parseImageReference(input);
    expect(r.ok ? { familiar: r.familiar, normalized: r.normalized } : { error: r.error }).toEqual(expected);
  });

  it("flags over-long repository paths", () => {
    expect(parseImageReference("foo/" + "a".repeat(300))).toEqual({
      ok: false,
      error: "repository name must not be more than 255 characters",
    });
    expect(parseImageReference("ex.com/" + "a".repeat(255))).toMatchObject({ ok: true });
    expect(parseImageReference("ex.com/" + "a".repeat(256))).toMatchObject({ ok: false });
  });

  it("keeps adversarial input linear", () => {
    const long = "a-".repeat(50_000) + "!";
    expect(parseImageReference(long)).toEqual({ ok: false, error: "invalid reference format" });
    expect(parseImageReference("a.".repeat(50_000) + "b/c" + "_".repeat(3))).toEqual({
      ok: false,
      error: "invalid reference format",
    });
  });
});

describe("TestParseRepositoryInfo", () => {
  // [familiar, full, ambiguous…]
  const cases: readonly [string, string, ...string[]][] = [
    ["localhost/fooo", "localhost/fooo"],
    ["localhost/fooo/bar", "localhost/fooo/bar"],
    ["LOCALDOMAIN/fooo", "LOCALDOMAIN/fooo"],
    ["LOCALDOMAIN/fooo/bar", "LOCALDOMAIN/fooo/bar"],
    ["fooo/bar", "docker.io/fooo/bar", "index.docker.io/fooo/bar"],
    ["ubuntu", "docker.io/library/ubuntu", "library/ubuntu"],
    ["nonlibrary/ubuntu", "docker.io/nonlibrary/ubuntu"],
    ["other/library", "docker.io/other/library"],
    ["127.0.0.1:8000/private/moonbase", "127.0.0.1:8000/private/moonbase"],
    ["127.0.0.1:8000/privatebase", "127.0.0.1:8000/privatebase"],
    ["example.com/private/moonbase", "example.com/private/moonbase"],
    ["example.com:8000/privatebasee", "example.com:8000/privatebasee"],
    ["ubuntu-12.04-base", "docker.io/library/ubuntu-12.04-base", "index.docker.io/library/ubuntu-12.04-base"],
    ["foo", "docker.io/library/foo", "docker.io/foo"],
    ["library/foo/bar", "docker.io/library/foo/bar"],
    ["store/foo/bar", "docker.io/store/foo/bar"],
    ["Foo/bar", "Foo/bar"],
    ["FOO/bar", "FOO/bar"],
  ];
  it.each(cases)("resolves every spelling of %s", (familiar, full, ...ambiguous) => {
    for (const input of [familiar, full, ...ambiguous]) {
      // A bare name gets :latest (TagNameOnly), a familiar name drops docker.io/library.
      expect(parseImageReference(input)).toEqual({ ok: true, familiar, normalized: `${full}:latest` });
    }
  });
  it("resolves a tag and a digest together", () => {
    const short = "busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
    expect(parseImageReference(short)).toEqual({ ok: true, familiar: short, normalized: `docker.io/library/${short}` });
  });
});

describe("BuildKit's wrapping (convert.go resolveBaseImage)", () => {
  it("flags vector 54: FROM Builder", () => {
    expect(parseStageBase("Builder")).toEqual({
      ok: false,
      error:
        'failed to parse stage name "Builder": invalid reference format: repository name (library/Builder) must be lowercase',
    });
  });
  it("flags the corpus's empty digests", () => {
    expect(parseStageBase("ghcr.io/projectbluefin/common:latest@")).toEqual({
      ok: false,
      error: 'failed to parse stage name "ghcr.io/projectbluefin/common:latest@": invalid reference format',
    });
    expect(parseStageBase("ghcr.io/ublue-os/silverblue-main:42@")).toEqual({
      ok: false,
      error: 'failed to parse stage name "ghcr.io/ublue-os/silverblue-main:42@": invalid reference format',
    });
  });
  it("resolves vector 53: from=0 as an image", () => {
    expect(parseMountFromImage("0")).toEqual({ ok: true, familiar: "0", normalized: "docker.io/library/0:latest" });
  });
  it("flags a mount image like a FROM base, quoting the name as Go's %q", () => {
    expect(parseMountFromImage('a"$')).toEqual({
      ok: false,
      error: 'failed to parse stage name "a\\"$": invalid reference format',
    });
  });
  it("resolves an ordinary FROM base", () => {
    expect(parseStageBase("golang:1.22-alpine")).toEqual({
      ok: true,
      familiar: "golang:1.22-alpine",
      normalized: "docker.io/library/golang:1.22-alpine",
    });
  });
});
