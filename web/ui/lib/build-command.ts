/**
 * "Paste a build command": reads `docker buildx build …` / `docker build …`
 * (also `docker image build`, `docker builder build`, `docker buildx b`) and
 * returns the options the playground can use. Shell quoting and `\` line
 * continuations are handled the way a POSIX shell would for this simple case;
 * `$VAR` is not expanded (we have no environment) and is reported instead.
 */

export interface BuildCommand {
  /** `--platform` values split on commas, in order (repeatable flag). */
  readonly platforms: readonly string[] | null;
  /** `--build-arg KEY=VALUE`, in order. */
  readonly buildArgs: readonly { readonly key: string; readonly value: string }[];
  readonly target: string | null;
  /** Things we read but cannot use, in plain words. */
  readonly notes: readonly string[];
}

export type ParseResult =
  { readonly ok: true; readonly command: BuildCommand } | { readonly ok: false; readonly error: string };

/** Flags of docker build / buildx build that take a value (so the next word is not the context). */
const VALUE_FLAGS = new Set([
  "--add-host",
  "--allow",
  "--annotation",
  "--attest",
  "--build-context",
  "--builder",
  "--cache-from",
  "--cache-to",
  "--call",
  "--cgroup-parent",
  "--cpu-period",
  "--cpu-quota",
  "--cpu-shares",
  "--cpuset-cpus",
  "--cpuset-mems",
  "--file",
  "-f",
  "--iidfile",
  "--isolation",
  "--label",
  "--memory",
  "-m",
  "--memory-swap",
  "--metadata-file",
  "--network",
  "--no-cache-filter",
  "--output",
  "-o",
  "--progress",
  "--provenance",
  "--sbom",
  "--secret",
  "--security-opt",
  "--shm-size",
  "--ssh",
  "--tag",
  "-t",
  "--ulimit",
  "--platform",
  "--build-arg",
  "--target",
]);

/** Splits a command line into words: quotes, backslashes and `\`-newline continuations. */
export function shellWords(input: string): { words: string[]; dollar: boolean } | { error: string } {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let dollar = false;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    if (c === "\\") {
      const next = input[i + 1];
      if (next === "\n") {
        i += 2;
        continue;
      }
      if (next === "\r" && input[i + 2] === "\n") {
        i += 3;
        continue;
      }
      if (next !== undefined) word += next;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) return { error: "A single quote is not closed." };
      word += input.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const d = input[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === "\\" && i + 1 < n && '"\\$`\n'.includes(input[i + 1]!)) {
          if (input[i + 1] !== "\n") word += input[i + 1];
          i += 2;
          continue;
        }
        if (d === "$") dollar = true;
        word += d;
        i++;
      }
      if (!closed) return { error: "A double quote is not closed." };
      inWord = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    if (c === "$") dollar = true;
    word += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(word);
  return { words, dollar };
}

/** Finds where `docker … build` starts; returns the index of the first argument after it. */
function buildArgsStart(words: readonly string[]): number {
  // Skip a leading `sudo` and `VAR=value` environment assignments.
  let i = 0;
  while (i < words.length && (words[i] === "sudo" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!))) i++;
  const tool = words[i];
  if (tool !== "docker" && tool !== "podman" && tool !== "nerdctl") return -1;
  i++;
  const sub = words[i];
  if (sub === "build") return i + 1;
  if (
    (sub === "buildx" || sub === "builder" || sub === "image") &&
    (words[i + 1] === "build" || (sub === "buildx" && words[i + 1] === "b"))
  )
    return i + 2;
  return -1;
}

export function parseBuildCommand(input: string): ParseResult {
  const split = shellWords(input.trim());
  if ("error" in split) return { ok: false, error: split.error };
  const { words } = split;
  if (words.length === 0)
    return { ok: false, error: "Paste a command such as `docker buildx build --platform linux/amd64,linux/arm64 .`" };
  const start = buildArgsStart(words);
  if (start < 0) return { ok: false, error: "This is not a `docker build` or `docker buildx build` command." };

  let platforms: string[] | null = null;
  const buildArgs: { key: string; value: string }[] = [];
  let target: string | null = null;
  const notes: string[] = [];
  if (split.dollar) notes.push("Shell variables ($…) are not expanded here: check the values.");

  for (let i = start; i < words.length; i++) {
    const word = words[i]!;
    if (word === "--") break;
    if (!word.startsWith("-") || word === "-") continue; // the build context
    const eq = word.indexOf("=");
    const name = word.startsWith("--") && eq > 0 ? word.slice(0, eq) : word;
    let value: string | null = word.startsWith("--") && eq > 0 ? word.slice(eq + 1) : null;
    if (value === null && VALUE_FLAGS.has(name)) {
      value = words[i + 1] ?? null;
      i++;
      if (value === null) {
        notes.push(`${name} has no value.`);
        continue;
      }
    }
    switch (name) {
      case "--platform":
        platforms ??= [];
        for (const p of (value ?? "").split(",")) if (p.trim() !== "") platforms.push(p.trim());
        break;
      case "--build-arg": {
        const v = value ?? "";
        const at = v.indexOf("=");
        if (at < 0) notes.push(`--build-arg ${v} takes its value from your environment, which we cannot see.`);
        else buildArgs.push({ key: v.slice(0, at), value: v.slice(at + 1) });
        break;
      }
      case "--target":
        target = value ?? "";
        break;
      case "--file":
      case "-f":
        notes.push(`The Dockerfile comes from the editor, not from ${value ?? "-f"}.`);
        break;
      case "--check":
        notes.push("--check dispatches every stage; the playground shows the chosen target.");
        break;
      default:
        break; // tags, outputs, caches…: they do not change cache ids
    }
  }
  return { ok: true, command: { platforms, buildArgs, target, notes } };
}
