/**
 * `?embed`: a compact, read-only view for iframes in docs and blog posts — the
 * cache-key table, the findings and an "open in playground" link. It opens the
 * link in the address (never the visitor's draft) and stores nothing.
 */
import { useMemo, useState } from "react";
import type { Report } from "../../core/report/types";
import { readLink, ruleLink } from "../url-codec";
import { useAnalysis } from "../../ui/hooks/use-analysis";
import { fromShared, pageBase } from "../../ui/hooks/use-permalink";
import { cellKey, groupCells, groupLabel, summaryLine } from "../../ui/lib/collisions";
import type { AppState } from "../../ui/state";
import { DEFAULT_STATE, exampleAction, reducer, toAnalyzeOptions } from "../../ui/state";

/** True when the page was opened with `?embed` (any value but `0` or `false`). */
export function isEmbedMode(search: string = typeof location === "undefined" ? "" : location.search): boolean {
  const value = new URLSearchParams(search).get("embed");
  return value !== null && value !== "0" && value !== "false";
}

interface EmbedStart {
  readonly state: AppState;
  readonly problem: string | null;
}

/** What an embed shows: the state link, an example, or the default example (with the reason when broken). */
export function embedStart(hash: string): EmbedStart {
  const link = readLink(hash);
  switch (link.kind) {
    case "state":
      return { state: fromShared(link.state), problem: null };
    case "example": {
      const action = exampleAction(link.id);
      return action
        ? { state: reducer(DEFAULT_STATE, action), problem: null }
        : { state: DEFAULT_STATE, problem: `This embed names no example the playground has: “${link.id}”.` };
    }
    case "broken":
      return { state: DEFAULT_STATE, problem: link.reason };
    case "rule":
    case "none":
      return { state: DEFAULT_STATE, problem: null };
  }
}

export function EmbedView() {
  const [start] = useState(() => embedStart(typeof location === "undefined" ? "" : location.hash));
  const options = useMemo(() => toAnalyzeOptions(start.state), [start]);
  const analysis = useAnalysis(start.state.text, options);
  const base = pageBase();
  const playground = base + (start.problem === null && typeof location !== "undefined" ? location.hash : "");

  return (
    <div className="embed-view" style={{ padding: "0.5rem 0.75rem" }}>
      <header className="embed-header" style={{ display: "flex", gap: "1rem", alignItems: "baseline" }}>
        <strong>Cache Mount Playground</strong>{" "}
        <a href={playground} target="_blank" rel="noopener">
          Open in playground
        </a>
      </header>
      {start.problem && (
        <p role="alert" className="error-banner">
          {start.problem} The default example is shown instead.
        </p>
      )}
      {analysis.report ? (
        <EmbedReport report={analysis.report} base={base} />
      ) : analysis.error ? (
        <p role="alert" className="error-banner">
          The analysis failed: {analysis.error}
        </p>
      ) : (
        <p className="muted">Analysing…</p>
      )}
    </div>
  );
}

function platformName(report: Report, i: number): string {
  const p = report.platforms[i];
  return p ? (p.normalized ?? p.requested) : "?";
}

function EmbedReport({ report, base }: { readonly report: Report; readonly base: string }) {
  const groups = useMemo(() => groupCells(report), [report]);
  const failed = report.platforms.filter((p) => p.error !== null);
  return (
    <>
      <p className="summary">{summaryLine(report)}</p>
      {failed.map((p, i) => (
        <p key={i} className="error-banner">
          {p.normalized ?? p.requested}: {p.error}
        </p>
      ))}
      {report.mounts.length === 0 ? (
        <p className="muted">
          No <code>RUN --mount=type=cache</code> in the stages built.
        </p>
      ) : (
        <table className="keys-table embed-table">
          <caption>Cache key per target platform</caption>
          <thead>
            <tr>
              <th scope="col">Mount</th>
              {report.platforms.map((_, i) => (
                <th scope="col" key={i}>
                  {platformName(report, i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.mounts.map((m) => (
              <tr key={m.index}>
                <th scope="row">
                  line {m.line} · {m.stage ?? `stage ${m.stageIndex}`} · <code>{m.writtenTarget}</code>
                </th>
                {report.platforms.map((_, i) => {
                  const cell = m.cells.find((c) => c.platformIndex === i);
                  const group = groups.get(cellKey(m.index, i));
                  const unsafe = group !== undefined && group.tone !== "same-exec" && group.tone !== "safe";
                  return (
                    <td key={i} className={unsafe ? "cell collides" : "cell"}>
                      {cell?.built ? (
                        <code className="cache-key">{cell.cacheKey}</code>
                      ) : (
                        <span className="muted">not built</span>
                      )}
                      {cell?.built && group && (
                        <span className="collision-mark">
                          {" "}
                          {group.letter}: {groupLabel(report, group, { mount: m.index, platformIndex: i })}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="embed-findings" aria-label="Findings">
        {report.findings.length === 0 ? (
          <p className="muted">No findings.</p>
        ) : (
          <ul>
            {report.findings.map((f, i) => (
              <li key={i} className={`finding sev-${f.severity}`}>
                <strong>{f.severity}</strong> line {f.range.startLine}{" "}
                <a href={ruleLink(base, f.ruleId)} target="_blank" rel="noopener">
                  {f.ruleId}
                </a>
                : {f.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
