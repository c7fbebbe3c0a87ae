/**
 * containerd/platforms database.go: the known OS/arch lists (from Go's
 * syslist.go) and the normalization tables.
 */
import { goToLower } from "../expand/go-strings";

const KNOWN_OS = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "windows",
  "zos",
]);

const KNOWN_ARCH = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "ppc64",
  "ppc64le",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);

/** The OS BuildKit's frontend runs on (runtime.GOOS): always linux for us. */
export const HOST_OS = "linux";

export function isKnownOS(os: string): boolean {
  return KNOWN_OS.has(os);
}

export function isKnownArch(arch: string): boolean {
  return KNOWN_ARCH.has(arch);
}

/** database.go normalizeOS: "" → the host OS, lower-cased, `macos` → `darwin`. */
export function normalizeOS(os: string): string {
  if (os === "") return HOST_OS;
  const lower = goToLower(os);
  return lower === "macos" ? "darwin" : lower;
}

/** database.go normalizeArch. */
export function normalizeArch(arch: string, variant: string): [string, string] {
  let a = goToLower(arch);
  let v = goToLower(variant);
  switch (a) {
    case "i386":
      a = "386";
      v = "";
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      a = "amd64";
      if (v === "v1") v = "";
      break;
    case "aarch64":
    case "arm64":
      a = "arm64";
      if (v === "8" || v === "v8" || v === "v8.0") v = "";
      else if (v === "9" || v === "9.0" || v === "v9.0") v = "v9";
      break;
    case "armhf":
      a = "arm";
      v = "v7";
      break;
    case "armel":
      a = "arm";
      v = "v6";
      break;
    case "arm":
      if (v === "" || v === "7") v = "v7";
      else if (v === "5" || v === "6" || v === "8") v = "v" + v;
      break;
  }
  return [a, v];
}
