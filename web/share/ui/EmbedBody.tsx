/**
 * The `?embed` view's body: the cache-key table, the findings and an "open in
 * playground" link, for the link in the address (never the visitor's draft).
 */
import { useMemo, useState } from "react";
import type { Report } from "../../core/report/types";
import { ruleLink } from "../url-decode";
import { takeEmbedBoot } from "../../ui/analysis/early-start";
import { useAnalysis } from "../../ui/hooks/use-analysis";
import { pageBase } from "../../ui/hooks/use-permalink";
import { groupCells, groupLabel, summaryLine } from "../../ui/lib/collisions";
import { toAnalyzeOptions } from "../../ui/state";
import { embedStart } from "./embed-start";

/** The embed view itself (a lazy chunk of its own: the playground's entry does not carry it). */
export default function EmbedBody() {
  const [boot] = useState(takeEmbedBoot);
  const [start] = useState(() => boot?.start ?? embedStart(typeof location === "undefined" ? "" : location.hash));
  const options = useMemo(() => toAnalyzeOptions(start.state), [start]);
  const analysis = useAnalysis(start.state.text, options, () => boot?.client ?? null);
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
                  const group = groups.at(m.index, i);
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
