import type { Finding, Report } from "../../core/report/types";
import { Prose } from "../components/Prose";
import { SeverityIcon } from "../components/SeverityIcon";

export interface FindingsListProps {
  readonly report: Report;
  /** False while the report is for older text: fixes would land in the wrong place. */
  readonly current: boolean;
  readonly onJump: (finding: Finding) => void;
  readonly onFix: (finding: Finding) => void;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function FindingsList({ report, current, onJump, onFix }: FindingsListProps) {
  const findings = [...report.findings].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || a.range.startLine - b.range.startLine,
  );
  return (
    <section className="findings" aria-labelledby="findings-heading">
      <h2 id="findings-heading">
        Findings <span className="count">({findings.length})</span>
      </h2>
      {findings.length === 0 ? (
        <p className="muted">Nothing to report: every cache mount stays on its own platform, or shares safely.</p>
      ) : (
        <ul className="finding-list">
          {findings.map((f, i) => (
            <li key={i} className={`finding sev-${f.severity}`}>
              <div className="finding-head">
                <span className="severity">
                  <SeverityIcon severity={f.severity} />
                  {f.severity}
                </span>
                <a className="rule-link mono" href={`#rule/${f.ruleId}`}>
                  {f.ruleId}
                </a>
                <button type="button" className="location" onClick={() => onJump(f)}>
                  line {f.range.startLine}, column {f.range.startColumn}
                  <span className="visually-hidden"> (go to it in the editor)</span>
                </button>
              </div>
              <p className="finding-message">
                <Prose text={f.message} />
              </p>
              {f.platforms.length > 0 && <p className="finding-platforms muted small">{f.platforms.join(", ")}</p>}
              {f.fix && (
                <button type="button" className="button small fix-button" disabled={!current} onClick={() => onFix(f)}>
                  Fix: <Prose text={f.fix.description} />
                  {f.fix.safety === "suggested" && <span className="muted"> (suggested)</span>}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
