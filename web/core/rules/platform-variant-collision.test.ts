import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "platform-variant-collision";
const ARM = { platforms: ["linux/arm/v6", "linux/arm/v7"] };
const APK =
  "FROM alpine:3.20\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk \\\n    apk add git\n";

describe(ID, () => {
  it("flags arm/v6 and arm/v7 sharing an id built from TARGETARCH, naming both platforms", () => {
    const [f, ...rest] = findingsOf(APK, ARM, ID);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("error");
    expect(f?.message).toBe(
      "linux/arm/v6 and linux/arm/v7 both resolve `${TARGETARCH}` to `arm`: they share the cache key `/apk-arm` (`id=apk-${TARGETARCH}`). " +
        "That breaks apk: apk names its index files after the repository URL, which has no architecture in it, so both platforms write the same `APKINDEX.*.tar.gz` and the other one then reads a foreign index (“UNTRUSTED signature”, “no such package”): moby/buildkit#2598, docker/buildx#549. " +
        "Append `${TARGETVARIANT}`: `id=apk-${TARGETARCH}${TARGETVARIANT}` (or use `${TARGETPLATFORM}`).",
    );
    expect(f?.platforms).toEqual(["linux/arm/v6", "linux/arm/v7"]);
    expect(f?.fix?.description).toBe("Append `${TARGETVARIANT}` to the id and declare `ARG TARGETVARIANT`.");
  });

  it("resolves the fix by appending the variant and declaring it once", () => {
    expect(runPipeline(APK, ARM).fixed).toBe(
      "FROM alpine:3.20\nARG TARGETARCH\nARG TARGETVARIANT\nRUN --mount=type=cache,id=apk-${TARGETARCH}${TARGETVARIANT},target=/var/cache/apk \\\n    apk add git\n",
    );
  });

  it("leaves a TARGETARCH that an ENV pins to cross-platform-cache-collision: it is not `arm` there", () => {
    const text = APK.replace("ARG TARGETARCH\n", "ARG TARGETARCH\nENV TARGETARCH x\n");
    expect(findingsOf(text, ARM, ID)).toEqual([]);
    const [f] = findingsOf(text, ARM, "cross-platform-cache-collision");
    expect(f?.message).toContain("`id=apk-${TARGETARCH}` resolves to `apk-x` on each of them");
  });

  it("keeps ids that already carry the variant or the whole platform quiet", () => {
    expect(findingsOf(APK.replace("apk-${TARGETARCH}", "apk-${TARGETARCH}${TARGETVARIANT}"), ARM, ID)).toEqual([]);
    expect(findingsOf(APK.replace("apk-${TARGETARCH}", "apk-${TARGETPLATFORM}"), ARM, ID)).toEqual([]);
    expect(findingsOf(APK, { platforms: ["linux/amd64", "linux/arm64"] }, ID)).toEqual([]);
  });

  it("keeps a cache that is safe across variants as information with a suggested fix", () => {
    const text =
      "FROM --platform=$BUILDPLATFORM golang AS b\nARG TARGETARCH\nRUN --mount=type=cache,id=gobuild-$TARGETARCH,target=/root/.cache/go-build go build\nFROM scratch\nCOPY --from=b /x /x\n";
    const [f] = findingsOf(text, { platforms: ["linux/arm/v6", "linux/arm/v7", "linux/arm64"] }, ID);
    expect(f?.severity).toBe("info");
    expect(f?.message).toBe(
      "linux/arm/v6 and linux/arm/v7 both resolve `${TARGETARCH}` to `arm`: they share the cache key `/gobuild-arm` (`id=gobuild-$TARGETARCH`). " +
        "That is harmless for Go build cache. Entries are keyed by GOOS/GOARCH and build flags; the cache grows with every architecture, which is fine. But the id was clearly meant to separate platforms. " +
        "Append `${TARGETVARIANT}`: `id=gobuild-$TARGETARCH${TARGETVARIANT}` (or use `${TARGETPLATFORM}`).",
    );
    expect(f?.fix?.safety).toBe("suggested");
  });
});
