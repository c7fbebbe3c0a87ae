/**
 * The worker's side of protocol.ts, pure: an analysis becomes the messages that
 * carry it (what changed against the page's base report, in parts), the table
 * first, then the findings and the fixed text.
 */
import type { Finding, Report, ReportTable } from "../core/report/types";
import { minimalEdit } from "../core/util/minimal-edit";
import type { AnalysisMessage, Ref, ReportPart } from "./protocol";
import { CELLS_PER_PART, FINDINGS_PER_PART, movedRef } from "./protocol";
import { sameValue } from "./same-value";
import { isMovedFinding, textShift, type TextShift } from "./text-shift";

/** A report the worker sent, by its request id, and the text it analysed. */
export interface SentReport {
  readonly id: number;
  readonly report: Report;
  readonly text: string;
}

/**
 * The reply to request `id` for `text`. `last` is the report the worker sent
 * before; it is the base when the page says it holds it (`pageBase`).
 */
export class Reply {
  private readonly base: Report | null;
  private readonly baseId: number | null;
  private readonly shift: TextShift | null;

  constructor(
    private readonly id: number,
    text: string,
    last: SentReport | null,
    pageBase: number | null,
  ) {
    const sent = last !== null && last.id === pageBase ? last : null;
    this.base = sent?.report ?? null;
    this.baseId = sent?.id ?? null;
    this.shift = sent === null ? null : textShift(sent.text, text);
  }

  /** The table's messages: its mounts in parts, then the rest of it. */
  table(ms: number, table: ReportTable): AnalysisMessage[] {
    const { id, base } = this;
    const mounts = refs(table.mounts, base?.mounts ?? null);
    const parts = split(mounts, Math.max(1, table.platforms.length)).map((list) => ({ mounts: list, findings: [] }));
    const messages: AnalysisMessage[] = parts.slice(0, -1).map((part) => ({ id, ok: true, part }));
    messages.push({
      id,
      ok: true,
      ms,
      table: {
        schema: table.schema,
        buildPlatform: table.buildPlatform,
        platforms: refs(table.platforms, base?.platforms ?? null),
        stages: refs(table.stages, base?.stages ?? null),
        target: table.target,
        collisions: refs(table.collisions, base?.collisions ?? null),
        syntax: table.syntax,
      },
      part: parts.at(-1) ?? NO_PART,
      base: this.baseId,
      shift: this.shift,
    });
    return messages;
  }

  /** The findings in parts, then the fixed text: the report is complete. */
  done(ms: number, report: Report): AnalysisMessage[] {
    const { id, base } = this;
    const shift = this.shift;
    const moved = shift === null ? null : (f: Finding, b: Finding) => isMovedFinding(f, b, shift);
    const findings = refs(report.findings, base?.findings ?? null, moved);
    const parts = split(findings, CELLS_PER_PART / FINDINGS_PER_PART).map((list) => ({ mounts: [], findings: list }));
    const messages: AnalysisMessage[] = parts.slice(0, -1).map((part) => ({ id, ok: true, part }));
    messages.push({
      id,
      ok: true,
      ms,
      fixed: base === null ? report.fixed : (minimalEdit(base.fixed, report.fixed) ?? NO_EDIT),
      part: parts.at(-1) ?? NO_PART,
      done: true,
    });
    return messages;
  }
}

/** Both steps at once: the messages for a whole report (tests play the worker with it). */
export function replyMessages(
  id: number,
  ms: number,
  report: Report,
  text: string,
  last: SentReport | null,
  pageBase: number | null,
): AnalysisMessage[] {
  const reply = new Reply(id, text, last, pageBase);
  return [...reply.table(ms, report), ...reply.done(ms, report)];
}

const NO_PART: ReportPart = { mounts: [], findings: [] };
/** The fixed text did not change. */
const NO_EDIT = { start: 0, end: 0, text: "" };

/**
 * Items equal to the base's item at the same index become that index; with
 * `moved`, an item that only moved with the text becomes movedRef(index).
 */
function refs<T>(
  items: readonly T[],
  base: readonly T[] | null,
  moved: ((item: T, b: T) => boolean) | null = null,
): Ref<T>[] {
  if (base === null) return [...items];
  return items.map((item, i) => {
    if (i >= base.length) return item;
    const b = base[i] as T;
    if (sameValue(item, b)) return i;
    return moved !== null && moved(item, b) ? movedRef(i) : item;
  });
}

/**
 * Cuts refs into parts of at most CELLS_PER_PART cells' worth of new data (an
 * item weighs `weight` cells; an index weighs nothing): a part's size is what
 * it costs the page to receive. Always at least one part.
 */
function split<T>(items: readonly Ref<T>[], weight: number): Ref<T>[][] {
  const parts: Ref<T>[][] = [];
  let part: Ref<T>[] = [];
  let filled = 0;
  for (const item of items) {
    const w = typeof item === "number" ? 0 : weight;
    if (filled + w > CELLS_PER_PART && filled > 0) {
      parts.push(part);
      part = [];
      filled = 0;
    }
    filled += w;
    part.push(item);
  }
  parts.push(part);
  return parts;
}
