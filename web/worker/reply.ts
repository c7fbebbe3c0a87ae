/**
 * The worker's side of protocol.ts, pure: a report becomes the messages that
 * carry it (what changed against the page's base report, in parts).
 */
import type { Finding, MountReport, Report } from "../core/report/types";
import type { AnalysisMessage, Ref, ReportPart } from "./protocol";
import { CELLS_PER_PART, FINDINGS_PER_PART } from "./protocol";
import { sameValue } from "./same-value";

/** A report the worker sent, by its request id. */
export interface SentReport {
  readonly id: number;
  readonly report: Report;
}

/**
 * The messages for `report`, answering request `id`. `last` is the report the
 * worker sent before; it is the base when the page says it holds it (`pageBase`).
 */
export function replyMessages(
  id: number,
  ms: number,
  report: Report,
  last: SentReport | null,
  pageBase: number | null,
): AnalysisMessage[] {
  const base = last !== null && last.id === pageBase ? last.report : null;
  const mounts = refs(report.mounts, base?.mounts ?? null);
  const findings = refs(report.findings, base?.findings ?? null);
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
    },
    part: final,
    base: base === null ? null : pageBase,
    done: true,
  });
  return messages;
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
function split(
  mounts: readonly Ref<MountReport>[],
  findings: readonly Ref<Finding>[],
  platforms: number,
): ReportPart[] {
  const findingWeight = CELLS_PER_PART / FINDINGS_PER_PART;
  const parts: ReportPart[] = [];
  let part: { mounts: Ref<MountReport>[]; findings: Ref<Finding>[] } = { mounts: [], findings: [] };
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
