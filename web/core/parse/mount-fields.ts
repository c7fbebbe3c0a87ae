/**
 * The parse-time half of df/instructions/commands_runmount.go parseMount (called
 * with no expander): split each --mount value into CSV fields and reject a `from`
 * that uses a variable. Everything else waits for dispatch (see mount.ts).
 */
import type { MappedText, Span } from "../source";
import { sliceMapped, spanOf } from "../source";
import type { Flag, MountField, MountSpec } from "./types";
import { csvFields } from "./csv";
import type { CsvField } from "./csv";
import { goToLower } from "../util/go-text";
import { knownWord } from "./keywords";
import { ALL_KEYS } from "./mount";

export type MountSpecsResult =
  | { readonly ok: true; readonly mounts: MountSpec[] }
  | { readonly ok: false; readonly error: string; readonly span: Span };

/** The lower-cased key `text[from, to)`; a known key as written reuses mount.ts's string. */
function fieldKey(text: string, from: number, to: number): string {
  return knownWord(ALL_KEYS, text, from, to) ?? goToLower(text.slice(from, to));
}

export function mountField(field: CsvField): MountField {
  const { text } = field;
  const eq = text.text.indexOf("=");
  const keyEnd = eq === -1 ? text.text.length : eq;
  return {
    key: fieldKey(text.text, 0, keyEnd),
    raw: text.text,
    value: eq === -1 ? null : sliceMapped(text, eq + 1),
    keySpan: spanOf(text, 0, keyEnd),
    span: field.span,
  };
}

export function parseMountSpecs(flags: readonly Flag[]): MountSpecsResult {
  // Exact size: this list is part of the output (a push onto [] reserves 17 slots).
  const mounts = new Array<MountSpec>(flags.length);
  let count = 0;
  for (let m = 0; m < flags.length; m++) {
    const flag = flags[m]!;
    const value = flag.value;
    if (value === null) continue; // BFlags already rejected it
    const plain = plainMountFields(value);
    if (plain !== null) {
      const bad = variableFrom(plain);
      if (bad !== null) return bad;
      mounts[count++] = { flag, fields: plain };
      continue;
    }
    const csv = csvFields(value);
    if (!csv.ok) {
      return {
        ok: false,
        error: `failed to parse csv mounts: ${csv.error}`,
        span: csv.error === "EOF" ? flag.span : csv.span,
      };
    }
    const fields = csv.fields.map(mountField);
    const bad = variableFrom(fields);
    if (bad !== null) return bad;
    mounts[count++] = { flag, fields };
  }
  mounts.length = count;
  return { ok: true, mounts };
}

/** A `from` that uses a variable is refused at parse time. */
function variableFrom(fields: readonly MountField[]): MountSpecsResult | null {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
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
  return null;
}

/**
 * csvFields + mountField for the usual value with no quote (and no trailing
 * newline, which the CSV reader trims): fields are the comma-separated pieces,
 * cut straight out of the value without an intermediate copy. Null otherwise.
 */
function plainMountFields(value: MappedText): MountField[] | null {
  const { text } = value;
  const n = text.length;
  if (n === 0 || text.charCodeAt(n - 1) === 10 || text.includes('"')) return null;
  let count = 1;
  for (let c = text.indexOf(","); c !== -1; c = text.indexOf(",", c + 1)) count++;
  const fields = new Array<MountField>(count);
  for (let i = 0, f = 0; ; f++) {
    let end = text.indexOf(",", i);
    if (end === -1) end = n;
    const raw = text.slice(i, end);
    const eq = raw.indexOf("=");
    const keyEnd = eq === -1 ? end : i + eq;
    fields[f] = {
      key: fieldKey(text, i, keyEnd),
      raw,
      value: keyEnd === end ? null : sliceMapped(value, keyEnd + 1, end),
      keySpan: spanOf(value, i, keyEnd),
      span: spanOf(value, i, end),
    };
    if (end === n) return fields;
    i = end + 1;
  }
}
