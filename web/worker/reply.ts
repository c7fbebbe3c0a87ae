/**
 * The worker's side of protocol.ts, pure: a report becomes the messages that
 * carry it (what changed against the page's base report, in parts).
 */
import type { Finding, MountReport, Report } from "../core/report/types";
import { minimalEdit } from "../core/util/minimal-edit";
import type { AnalysisMessage, FindingRef, Ref, ReportPart } from "./protocol";
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
 * The messages for `report` of `text`, answering request `id`. `last` is the
 * report the worker sent before; it is the base when the page says it holds it
 * (`pageBase`).
 */
export function replyMessages(
  id: number,
  ms: number,
  report: Report,
  text: string,
  last: SentReport | null,
  pageBase: number | null,
): AnalysisMessage[] {
  const sent = last !== null && last.id === pageBase ? last : null;
  const base = sent?.report ?? null;
  const shift = sent === null ? null : textShift(sent.text, text);
  const mounts = refs(report.mounts, base?.mounts ?? null);
  const findings = findingRefs(report.findings, base?.findings ?? null, shift);
  const parts = split(mounts, findings, Math.max(1, report.platforms.length));
  const final = parts.pop() ?? { mounts: [], findings: [] };
  const messages: AnalysisMessage[] = parts.map((part) => ({ id, ok: true, ms, part }));
  messages.push({
    id,
    ok: true,
    ms,
    report: {
      ...report,
      platforms: refs(report.platforms, base?.platforms ?? null),
      stages: refs(report.stages, base?.stages ?? null),
      collisions: refs(report.collisions, base?.collisions ?? null),
      mounts: [],
      findings: [],
      fixed: base === null ? report.fixed : (minimalEdit(base.fixed, report.fixed) ?? NO_EDIT),
    },
    part: final,
    base: base === null ? null : pageBase,
    shift,
    done: true,
  });
  return messages;
}

/** The fixed text did not change. */
const NO_EDIT = { start: 0, end: 0, text: "" };

/** Like refs, and a finding that only moved with the text is its base's index, moved. */
function findingRefs(
  items: readonly Finding[],
  base: readonly Finding[] | null,
  shift: TextShift | null,
): FindingRef[] {
  if (base === null) return [...items];
  return items.map((item, i) => {
    const b = base[i];
    if (b === undefined) return item;
    if (sameValue(item, b)) return i;
    return shift !== null && isMovedFinding(item, b, shift) ? movedRef(i) : item;
  });
}

/** Items equal to the base's item at the same index become that index. */
function refs<T>(items: readonly T[], base: readonly T[] | null): Ref<T>[] {
  if (base === null) return [...items];
  return items.map((item, i) => (i < base.length && sameValue(item, base[i]) ? i : item));
}

/**
 * Cuts the refs into parts of at most CELLS_PER_PART cells' worth of new data
 * (a finding weighs as much as CELLS_PER_PART / FINDINGS_PER_PART cells; an
 * index weighs nothing): a part's size is what it costs the page to receive.
 */
function split(mounts: readonly Ref<MountReport>[], findings: readonly FindingRef[], platforms: number): ReportPart[] {
  const findingWeight = CELLS_PER_PART / FINDINGS_PER_PART;
  const parts: ReportPart[] = [];
  let part: { mounts: Ref<MountReport>[]; findings: FindingRef[] } = { mounts: [], findings: [] };
  let weight = 0;
  const add = (w: number) => {
    if (weight + w > CELLS_PER_PART && weight > 0) {
      parts.push(part);
      part = { mounts: [], findings: [] };
      weight = 0;
    }
    weight += w;
  };
  for (const m of mounts) {
    add(typeof m === "number" ? 0 : platforms);
    part.mounts.push(m);
  }
  for (const f of findings) {
    add(typeof f === "number" ? 0 : findingWeight);
    part.findings.push(f);
  }
  parts.push(part);
  return parts;
}
