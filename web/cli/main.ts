// CLI entry (stub until the CLI issue): file or stdin → core.analyze → JSON on stdout.
import { readFileSync } from "node:fs";
import { analyze, toCliJson } from "../core/analyze";

const args = process.argv.slice(2);
const platforms: string[] = [];
let file: string | null = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i] ?? "";
  if (a === "--platform") platforms.push(...(args[++i] ?? "").split(","));
  else if (a.startsWith("--platform=")) platforms.push(...a.slice(11).split(","));
  else if (a === "--format") i++;
  else file = a;
}
if (file === null) {
  process.stderr.write("usage: analyze [--platform a,b] FILE|-\n");
  process.exit(2);
}
const text = readFileSync(file === "-" ? 0 : file, "utf8");
const report = analyze(text, { platforms });
process.stdout.write(JSON.stringify(toCliJson(report), null, 2) + "\n");
