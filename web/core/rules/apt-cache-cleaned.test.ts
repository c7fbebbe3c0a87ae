import { describe, expect, it } from "vitest";
import { findingsOf } from "./test-support";

const ID = "apt-cache-cleaned";
const ONE = { platforms: ["linux/amd64"] };

describe(ID, () => {
  it("flags an apt cache in an image that keeps docker-clean, with Docker's reference step as a suggestion", () => {
    const text =
      "FROM python:3.12-slim AS base\nFROM base\n  RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\n";
    const [f] = findingsOf(text, ONE, ID);
    expect(f?.severity).toBe("info");
    expect(f?.message).toBe(
      "`python:3.12-slim` keeps apt's `docker-clean` hook, which deletes downloaded packages after every install, so this cache of /var/cache/apt stays empty. " +
        "Remove the hook in an earlier step: `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache`.",
    );
    expect(f?.fix).toEqual({
      description: "Add Docker's reference step that removes `docker-clean` and keeps downloaded packages.",
      safety: "suggested",
      edits: [
        {
          start: 40,
          end: 40,
          text: "  RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache\n",
        },
      ],
    });
  });

  it("keeps stages that already remove the hook, and non-Debian images, quiet", () => {
    const cleaned =
      "FROM ubuntu:24.04\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\n";
    expect(findingsOf(cleaned, ONE, ID)).toEqual([]);
    expect(
      findingsOf("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\n", ONE, ID),
    ).toEqual([]);
  });
});
