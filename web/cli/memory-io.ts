/** An in-memory CliIo for tests: files in a map, output collected. */
import type { CliIo } from "./run";

export interface MemoryIo extends CliIo {
  readonly files: Map<string, Uint8Array>;
  readonly out: string[];
  readonly err: string[];
  readonly writes: string[];
}

export function memoryIo(
  files: Record<string, string | Uint8Array>,
  options: { stdin?: string | Uint8Array; env?: Record<string, string>; tty?: boolean } = {},
): MemoryIo {
  const enc = new TextEncoder();
  const bytes = (v: string | Uint8Array) => (typeof v === "string" ? enc.encode(v) : v);
  const map = new Map(Object.entries(files).map(([k, v]) => [k, bytes(v)]));
  const out: string[] = [];
  const err: string[] = [];
  const writes: string[] = [];
  return {
    files: map,
    out,
    err,
    writes,
    env: options.env ?? {},
    stdoutIsTty: options.tty ?? false,
    readFile: async (path) => {
      const b = map.get(path);
      if (b === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return b;
    },
    readStdin: async () => bytes(options.stdin ?? ""),
    writeFile: async (path, b) => {
      writes.push(path);
      map.set(path, b);
    },
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
  };
}
