import { normalizeArch, normalizeOS } from "./database";
import type { Platform } from "./types";

/** Go's string ordering (bytes of UTF-8 = code points), not UTF-16 units. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * containerd Normalize: canonical OS and arch/variant (`x86_64` → `amd64`,
 * `aarch64` → `arm64`, `arm64/v8` → `arm64`, `arm` → `arm/v7`, `armel` →
 * `arm/v6`, `macos` → `darwin`, …), OS features sorted and de-duplicated.
 */
export function normalizePlatform(p: Platform): Platform {
  const [architecture, variant] = normalizeArch(p.architecture, p.variant);
  let osFeatures = p.osFeatures;
  if (osFeatures.length > 0) {
    const sorted = [...osFeatures].sort(compareGoStrings);
    osFeatures = sorted.filter((f, i) => i === 0 || f !== sorted[i - 1]);
  }
  return { os: normalizeOS(p.os), architecture, variant, osVersion: p.osVersion, osFeatures };
}
