/**
 * `--format json`: the schema-1 document of design.md ("The CLI's JSON"), a
 * contract other tools compare against, built by analyze.ts's toCliJson so
 * there is one definition of it.
 *
 * Several files: the shape depends only on how many files were named, never on
 * what they contain, so a script always knows what it gets:
 *   one file   → the schema-1 document itself;
 *   two or more → { "schema": 1, "files": [ { "file": <path or null for stdin>, "report": <schema-1 document> } ] }
 *                 in the order the files were named.
 */
import { toCliJson } from "../analyze";
import type { FileReport } from "./format-common";

export function formatJson(files: readonly FileReport[]): string {
  const only = files.length === 1 ? files[0] : undefined;
  const doc =
    only !== undefined
      ? toCliJson(only.report)
      : { schema: 1, files: files.map((f) => ({ file: f.path, report: toCliJson(f.report) })) };
  return JSON.stringify(doc, null, 2) + "\n";
}
