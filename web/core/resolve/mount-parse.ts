/**
 * A RUN mount parsed at dispatch (convert.go dispatchRun → RunCommand.Expand
 * → commands_runmount.go parseMount with the stage's expander), done once per
 * distinct result. A parse depends only on the fields as written and on what
 * each one expands to, so:
 * - mounts written alike share one shape (files of similar stages repeat the
 *   same `--mount=` many times), and
 * - a shape keeps its parses by their fields' expansion results, which are
 *   shared objects (expansion-memo.ts): the same objects mean the same values.
 * Parses name fields by index, so that they hold for every mount of a shape.
 */
import type { EscapeToken, ExpandResult, VariableRef } from "../expand/index";
import type { ParsedMount } from "../parse/mount";
import { parseMountDispatch } from "../parse/mount";
import type { MountField, MountSpec, Span } from "../parse/types";
import type { VariableUse } from "../report/types";
import type { DispatchContext } from "./convert";
import { reportUndefined } from "./dispatch";
import type { FieldExpansion } from "./mount-cell";
import { isPlainWord } from "./plain-word";
import type { StageState } from "./stage-state";
import type { StopError } from "./types";

export interface ParsedRunMount {
  readonly mount: ParsedMount;
  /** Index of the field that set each option, by option key (parse/mount.ts fieldOf). */
  readonly fieldOf: Readonly<Record<string, number>>;
  /** Per field, its expansion when there is something to explain (a variable, or a changed value); empty when no field has one. */
  readonly expansions: readonly (FieldExpansion | undefined)[];
  /** No field has anything to expand: the same on every platform. */
  readonly literal: boolean;
  /** Its cells' variables, made with its first cell (mount-cell.ts variablesOf). */
  variables: readonly VariableUse[] | null;
}

/** The error a parse stops with; the field it points at by index (null: the whole flag). */
interface ParseError {
  readonly message: string;
  readonly field: number | null;
}

type Outcome = ParsedRunMount | ParseError;

interface ExpandedParse {
  /** Per field, its expansion (null for a bare key). */
  readonly results: readonly (ExpandResult | null)[];
  readonly outcome: Outcome;
  /** Fields the parse expanded, in order (it stops at the first error): their UndefinedVar lints. */
  readonly expanded: readonly number[];
}

/** A way of writing a mount: its fields, and the parses seen. */
export interface MountShape {
  /** The fields of the first mount written this way. */
  readonly fields: readonly MountField[];
  /** No field has anything to expand. */
  readonly literal: boolean;
  /** The parse of a literal shape, made on its first dispatch. */
  literalOutcome: Outcome | null;
  /** Parses of a shape with something to expand, one per distinct expansion (up to MAX_PARSES). */
  readonly parses: ExpandedParse[];
}

/** Parses kept per shape, like expansion-memo.ts keeps results per word. */
const MAX_PARSES = 16;

export class MountShapes {
  private readonly byText = new Map<string, MountShape[]>();

  constructor(private readonly escape: EscapeToken) {}

  /** The shape of `spec`: looked up by the flag's text, then checked field by field. */
  of(spec: MountSpec): MountShape {
    const text = spec.flag.value?.text ?? "";
    let list = this.byText.get(text);
    if (list === undefined) this.byText.set(text, (list = []));
    for (const shape of list) if (sameFields(shape.fields, spec.fields)) return shape;
    let literal = true;
    for (const f of spec.fields) if (f.value !== null && !isPlainWord(f.value.text, this.escape)) literal = false;
    const shape: MountShape = { fields: spec.fields, literal, literalOutcome: null, parses: [] };
    list.push(shape);
    return shape;
  }
}

function sameFields(a: readonly MountField[], b: readonly MountField[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as MountField;
    const y = b[i] as MountField;
    if (x.key !== y.key || x.raw !== y.raw || (x.value?.text ?? null) !== (y.value?.text ?? null)) return false;
  }
  return true;
}

/** setMountState with the stage's expander: the parse of `spec` (of shape `shape`) in this stage. */
export function parseRunMount(
  shape: MountShape,
  spec: MountSpec,
  st: StageState,
  ctx: DispatchContext,
): ParsedRunMount | StopError {
  const outcome = shape.literal
    ? (shape.literalOutcome ??= parseLiteral(shape.fields))
    : parseExpanded(shape, spec, st, ctx);
  if ("message" in outcome) {
    const field = outcome.field === null ? undefined : spec.fields[outcome.field];
    return { message: outcome.message, span: field?.span ?? spec.flag.span };
  }
  return outcome;
}

function parseLiteral(fields: readonly MountField[]): Outcome {
  const r = parseMountDispatch(fields, (value) => ({ ok: true, value }));
  return r.ok
    ? {
        mount: r.mount,
        fieldOf: indexes(r.fieldOf, fields),
        expansions: NO_EXPANSIONS,
        literal: true,
        variables: null,
      }
    : { message: r.error, field: r.field === null ? null : fields.indexOf(r.field) };
}

/**
 * A parse with the stage's expander, recording each field's expansion for
 * the trace; an earlier parse with the same expansions is this one, its
 * UndefinedVar lints reported again as the expander would.
 */
function parseExpanded(shape: MountShape, spec: MountSpec, st: StageState, ctx: DispatchContext): Outcome {
  // The shape's fields are written like this mount's; lints point at this mount's own.
  const fields = shape.fields;
  const spans = spec.fields;
  // Expanding a field the parse would not reach (after an error) is harmless: expansion is pure.
  const results = ctx.input.scratch.fields;
  results.clear();
  for (const f of fields) results.push(f.value === null ? null : ctx.input.expansions.expand(f.value.text, st.env));
  for (const p of shape.parses) {
    if (!sameResults(p.results, results)) continue;
    for (const i of p.expanded) reportUndefined(st, (p.results[i] as ExpandResult).uses, spanOf(spans, i), ctx);
    return p.outcome;
  }

  const expansions = new Array<FieldExpansion | undefined>(fields.length);
  let hasExpansions = false;
  const expanded: number[] = [];
  const r = parseMountDispatch(fields, (value, field) => {
    const i = fields.indexOf(field);
    const e = results.at(i) ?? ctx.input.expansions.expand(value, st.env);
    reportUndefined(st, e.uses, spanOf(spans, i), ctx);
    expanded.push(i);
    // A field without variables that expands to itself has nothing to explain (mount-cell.ts traceVariables).
    if (e.uses.length > 0 || !e.ok || e.value !== value) {
      expansions[i] = {
        written: value,
        result: e,
        value: e.ok ? e.value : "",
        uses: e.uses,
        values: valuesOf(st, e.uses),
      };
      hasExpansions = true;
    }
    return e;
  });
  const outcome: Outcome = r.ok
    ? {
        mount: r.mount,
        fieldOf: indexes(r.fieldOf, fields),
        expansions: hasExpansions ? expansions : NO_EXPANSIONS,
        literal: false,
        variables: null,
      }
    : { message: r.error, field: r.field === null ? null : fields.indexOf(r.field) };
  if (shape.parses.length < MAX_PARSES) shape.parses.push({ results: results.copy(NO_RESULTS), outcome, expanded });
  return outcome;
}

function spanOf(fields: readonly MountField[], i: number): Span {
  return (fields[i] as MountField).span;
}

function sameResults(
  a: readonly (ExpandResult | null)[],
  b: { readonly length: number; at(i: number): ExpandResult | null },
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b.at(i)) return false;
  return true;
}

function indexes(fieldOf: Readonly<Record<string, MountField>>, fields: readonly MountField[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key in fieldOf) out[key] = fields.indexOf(fieldOf[key] as MountField);
  return out;
}

/** Value of each use at the RUN (null when undefined); equal results looked up equal values. */
function valuesOf(st: StageState, uses: readonly VariableRef[]): readonly (string | null)[] {
  if (uses.length === 0) return NO_VALUES;
  const values = new Array<string | null>(uses.length);
  for (let i = 0; i < uses.length; i++) {
    const u = uses[i] as VariableRef;
    values[i] = u.defined ? (st.env.get(u.name) ?? null) : null;
  }
  return values;
}

const NO_EXPANSIONS: readonly (FieldExpansion | undefined)[] = [];
const NO_VALUES: readonly (string | null)[] = [];
const NO_RESULTS: readonly (ExpandResult | null)[] = [];
