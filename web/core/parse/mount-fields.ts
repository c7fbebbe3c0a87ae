/**
 * The parse-time half of df/instructions/commands_runmount.go parseMount (called
 * with no expander): split each --mount value into CSV fields and reject a `from`
 * that uses a variable. Everything else waits for dispatch (see mount.ts).
 */
import type { Span } from "../source";
import { spanOf } from "../source";
import type { Flag, MountField, MountSpec } from "./types";
import { csvFields } from "./csv";
import type { CsvField } from "./csv";
import { goToLower } from "./go-text";

export type MountSpecsResult =
  | { readonly ok: true; readonly mounts: MountSpec[] }
  | { readonly ok: false; readonly error: string; readonly span: Span };

export function mountField(field: CsvField): MountField {
  const { text } = field;
  const eq = text.text.indexOf("=");
  const keyEnd = eq === -1 ? text.text.length : eq;
  return {
    key: goToLower(text.text.slice(0, keyEnd)),
    raw: text.text,
    value: eq === -1 ? null : { text: text.text.slice(eq + 1), offsets: text.offsets.slice(eq + 1) },
    keySpan: spanOf(text, 0, keyEnd),
    span: field.span,
  };
}

export function parseMountSpecs(flags: readonly Flag[]): MountSpecsResult {
  const mounts: MountSpec[] = [];
  for (const flag of flags) {
    const value = flag.value;
    if (value === null) continue; // BFlags already rejected it
    const csv = csvFields(value);
    if (!csv.ok) {
      return {
        ok: false,
        error: `failed to parse csv mounts: ${csv.error}`,
        span: csv.error === "EOF" ? flag.span : csv.span,
      };
    }
    const fields = csv.fields.map(mountField);
    for (const f of fields) {
      if (f.key !== "from" || f.value === null) continue;
      const v = f.value.text;
      const dollar = v.indexOf("$");
      if (dollar !== -1 && dollar !== v.length - 1) {
        return {
          ok: false,
          error: "'from' doesn't support variable expansion, define alias stage instead",
          span: f.span,
        };
      }
    }
    mounts.push({ flag, fields });
  }
  return { ok: true, mounts };
}
