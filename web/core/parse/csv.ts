/**
 * One CSV record, as github.com/tonistiigi/go-csvvalue reads a --mount or
 * --device value: split on `,` with no trimming; a field starting with `"` is
 * quoted (`""` stands for `"`); a `"` anywhere else is an error. Columns in
 * errors are 1-based byte offsets of Go's string (a character from a re-encoded
 * non-ASCII byte counts 2).
 */
import type { MappedText, Span } from "../source";
import { offsetAt, sliceMapped, spanOf } from "../source";
import { utf8Length } from "../util/go-text";
import { MappedBuilder } from "./mapped-builder";

export interface CsvField {
  /** The field after unquoting, each character mapped to its source. */
  readonly text: MappedText;
  /** The field as written, quotes included. */
  readonly span: Span;
}

export type CsvResult =
  | { readonly ok: true; readonly fields: CsvField[] }
  | {
      readonly ok: false;
      /** csv.ParseError's text, or "EOF" for an empty value. */
      readonly error: string;
      readonly span: Span;
    };

const ERR_BARE_QUOTE = 'bare " in non-quoted-field';
const ERR_QUOTE = 'extraneous or missing " in quoted-field';

export function csvFields(value: MappedText): CsvResult {
  const { text } = value;
  let n = text.length;
  // "For backward compatibility, a trailing newline is allowed."
  if (n > 0 && text.charCodeAt(n - 1) === 10) n -= n > 1 && text.charCodeAt(n - 2) === 13 ? 2 : 1;
  if (n === 0) return { ok: false, error: "EOF", span: spanOf(value) };

  const fail = (at: number, err: string): CsvResult => ({
    ok: false,
    error: `parse error on line 1, column ${utf8Length(text, 0, at) + 1}: ${err}`,
    span: spanOf(value, at, Math.min(at + 1, n)),
  });
  const fields: CsvField[] = [];
  let i = 0;
  for (;;) {
    if (i === n || text.charCodeAt(i) !== 0x22) {
      let end = text.indexOf(",", i);
      if (end === -1 || end > n) end = n;
      const q = text.indexOf('"', i);
      if (q !== -1 && q < end) return fail(q, ERR_BARE_QUOTE);
      fields.push({ text: sliceMapped(value, i, end), span: spanOf(value, i, end) });
      if (end < n) {
        i = end + 1;
        continue;
      }
      break;
    }
    // Quoted field.
    const fieldStart = i;
    i++;
    const b = new MappedBuilder();
    for (;;) {
      const k = text.indexOf('"', i);
      if (k === -1 || k >= n) return fail(i, ERR_QUOTE);
      b.appendMapped(value, i, k);
      i = k + 1;
      const next = i < n ? text.charCodeAt(i) : -1;
      if (next === 0x22) {
        b.appendChar('"', offsetAt(value, i));
        i++;
        continue;
      }
      if (next === 0x2c || next === -1) {
        fields.push({ text: b.build(offsetAt(value, i - 1)), span: spanOf(value, fieldStart, i) });
        if (next === -1) return { ok: true, fields };
        i++;
        break;
      }
      return fail(k, ERR_QUOTE);
    }
  }
  return { ok: true, fields };
}
