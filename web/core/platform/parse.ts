/**
 * containerd/platforms Parse (v1.0.0-rc.4, vendored by BuildKit): the
 * specifier `<os>[(<version>[+<feature>…])]`, `<arch>`, or
 * `<os>/<arch>[/<variant>]`. Not normalized: BuildKit normalizes target
 * platforms afterwards (normalize.ts) but keeps `FROM --platform` as parsed.
 */
import { goQuote } from "../expand/go-strings";
import { HOST_OS, isKnownArch, isKnownOS, normalizeArch, normalizeOS } from "./database";
import { normalizePlatform } from "./normalize";
import { decodeOSOption } from "./os-option";
import { DEFAULT_HOST, type Platform, type PlatformResult } from "./types";

const SPECIFIER_SOURCE = "^[A-Za-z0-9_.-]+$";
const OS_SOURCE = String.raw`^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$`;
const SPECIFIER_RE = new RegExp(SPECIFIER_SOURCE);
const OS_RE = new RegExp(OS_SOURCE);
const INVALID_ARGUMENT = "invalid argument";

function fail(error: string): PlatformResult {
  return { ok: false, error };
}

/**
 * Parses a platform specifier. `host` stands in for the frontend process's
 * runtime.GOARCH (and ARM variant) that containerd gives a one-word OS like
 * `linux` or `windows`: we use the build platform. A one-word architecture
 * gets the OS `linux` (runtime.GOOS of BuildKit's Linux frontend).
 */
export function parsePlatform(spec: string, host: Platform = DEFAULT_HOST): PlatformResult {
  // Quoting is only needed for an error message.
  const q = (): string => goQuote(spec);
  if (spec.includes("*")) return fail(`${q()}: wildcards not yet supported: ${INVALID_ARGUMENT}`);

  const parts = splitN(spec, "/", 4);
  let os = "";
  let osVersion = "";
  let osFeatures: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (i > 0) {
      if (!SPECIFIER_RE.test(part)) {
        return fail(
          `${goQuote(part)} is an invalid component of ${q()}: platform specifier component must match ${goQuote(SPECIFIER_SOURCE)}: ${INVALID_ARGUMENT}`,
        );
      }
      continue;
    }
    const m = OS_RE.exec(part);
    if (m === null) {
      return fail(
        `${goQuote(part)} is an invalid OS component of ${q()}: OSAndVersion specifier component must match ${goQuote(OS_SOURCE)}: ${INVALID_ARGUMENT}`,
      );
    }
    os = normalizeOS(m[1] ?? "");
    const version = decodeOSOption(m[2] ?? "");
    if (!version.ok) return fail(`${q()} has an invalid OS version ${goQuote(m[2] ?? "")}: ${version.error}`);
    osVersion = version.value;
    const features = m[3] ?? "";
    if (features !== "") {
      const parsed = parseOSFeatures(features.slice(1));
      if (!parsed.ok) return fail(`${q()} has invalid OS features: ${parsed.error}`);
      osFeatures = parsed.features;
    }
  }

  const platform = (architecture: string, variant: string, platformOS = os): PlatformResult => ({
    ok: true,
    platform: { os: platformOS, architecture, variant, osVersion, osFeatures },
  });

  switch (parts.length) {
    case 1: {
      if (isKnownOS(os)) {
        // containerd picks the host's architecture (and its ARM variant unless v7).
        const h = normalizePlatform(host);
        return platform(h.architecture, h.architecture === "arm" && h.variant !== "v7" ? h.variant : "");
      }
      const [arch, variant] = normalizeArch(parts[0] ?? "", "");
      // containerd leaves the default ARM variant (v7) implicit here.
      if (isKnownArch(arch)) return platform(arch, arch === "arm" && variant === "v7" ? "" : variant, HOST_OS);
      return fail(`${q()}: unknown operating system or architecture: ${INVALID_ARGUMENT}`);
    }
    case 2: {
      const [arch, variant] = normalizeArch(parts[1] ?? "", "");
      return platform(arch, arch === "arm" && variant === "v7" ? "" : variant);
    }
    case 3: {
      const [arch, variant] = normalizeArch(parts[1] ?? "", parts[2] ?? "");
      // A fully specified arm64 keeps its (normalized-away) v8 until Normalize.
      return platform(arch, arch === "arm64" && variant === "" ? "v8" : variant);
    }
  }
  return fail(`${q()}: cannot parse platform specifier: ${INVALID_ARGUMENT}`);
}

function parseOSFeatures(s: string): { ok: true; features: string[] } | { ok: false; error: string } {
  const features: string[] = [];
  if (s === "") return { ok: true, features };
  for (const piece of s.split("+")) {
    const raw = piece.trim();
    if (raw === "") return { ok: false, error: `empty os feature: ${INVALID_ARGUMENT}` };
    const feature = decodeOSOption(raw);
    if (!feature.ok) return { ok: false, error: `invalid os feature ${goQuote(raw)}: ${feature.error}` };
    if (feature.value !== "") features.push(feature.value);
  }
  return { ok: true, features };
}

/** Go strings.SplitN: at most n pieces, the last holding the rest. */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < n - 1) {
    const i = s.indexOf(sep, from);
    if (i < 0) break;
    out.push(s.slice(from, i));
    from = i + sep.length;
  }
  out.push(s.slice(from));
  return out;
}
