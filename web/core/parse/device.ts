/**
 * RUN --device values, checked at parse time (df/instructions/commands_rundevice.go
 * ParseDevice): a CSV record whose first bare word (or unknown key) is the name.
 */
import type { Span } from "../source";
import { withSuggestion } from "../util/suggest";
import type { Flag } from "./types";
import { csvFields } from "./csv";
import { goToLower } from "../util/go-text";
import { parseGoBool } from "./go-strconv";

export type DevicesResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly span: Span };

const OK: DevicesResult = { ok: true };

export function parseDevices(flags: readonly Flag[]): DevicesResult {
  for (let d = 0; d < flags.length; d++) {
    const flag = flags[d]!;
    if (flag.value === null) continue;
    const csv = csvFields(flag.value);
    if (!csv.ok) {
      return {
        ok: false,
        error: `failed to parse csv devices: ${csv.error}`,
        span: csv.error === "EOF" ? flag.span : csv.span,
      };
    }
    let name = "";
    for (const { text, span } of csv.fields) {
      const field = text.text;
      const eq = field.indexOf("=");
      const key = goToLower(eq === -1 ? field : field.slice(0, eq));
      const value = eq === -1 ? "" : field.slice(eq + 1);
      if (eq === -1) {
        if (key === "required") continue;
        if (name === "") {
          name = field;
          continue;
        }
        return { ok: false, error: `invalid field '${field}' must be a key=value pair`, span };
      }
      switch (key) {
        case "name":
          if (name !== "") return { ok: false, error: `device name already set to ${name}`, span };
          name = value;
          break;
        case "required":
          if (parseGoBool(value) === null) return { ok: false, error: `invalid value for ${key}: ${value}`, span };
          break;
        default:
          if (name === "") {
            name = field;
            break;
          }
          return {
            ok: false,
            error: withSuggestion(`unexpected key '${key}' in '${field}'`, key, ["name", "required"], true),
            span,
          };
      }
    }
  }
  return OK;
}
