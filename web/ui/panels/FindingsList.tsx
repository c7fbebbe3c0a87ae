import { createContext, memo, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from "react";
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

/**
 * Findings shown before "Show all": a 10,000-line Dockerfile has ~2,000, and
 * rendering them all on every keystroke would block typing.
 */
export const FINDINGS_SHOWN = 100;

/** Whether fix buttons may apply (the report is for the current text): read by the buttons only. */
const FixesApply = createContext(true);

export const FindingsList = memo(function FindingsList({ report, current, onJump, onFix }: FindingsListProps) {
  const [all, setAll] = useState(false);
  const findings = useMemo(
    () =>
      [...report.findings].sort(
        (a, b) => ORDER[a.severity] - ORDER[b.severity] || a.range.startLine - b.range.startLine,
      ),
    [report],
  );
  const shown = all ? findings : findings.slice(0, FINDINGS_SHOWN);
  // Items that look the same skip re-rendering (an edit above them shifts only their fixes' offsets),
  // so a click acts on the finding at its position in the latest report, read here when clicked.
  const latest = useRef(findings);
  useLayoutEffect(() => {
    latest.current = findings;
  }, [findings]);
  const jump = useCallback(
    (i: number) => {
      const f = latest.current[i];
      if (f) onJump(f);
    },
    [onJump],
  );
  const fix = useCallback(
    (i: number) => {
      const f = latest.current[i];
      if (f) onFix(f);
    },
    [onFix],
  );
  return (
    <section className="findings" aria-labelledby="findings-heading">
      <h2 id="findings-heading">
        Findings <span className="count">({findings.length})</span>
      </h2>
      {findings.length === 0 ? (
        <p className="muted">Nothing to report: every cache mount stays on its own platform, or shares safely.</p>
      ) : (
        <FixesApply.Provider value={current}>
          <ul className="finding-list">
            {shown.map((f, i) => (
              <FindingItem key={i} index={i} finding={f} onJump={jump} onFix={fix} />
            ))}
          </ul>
          {shown.length < findings.length && (
            <button type="button" className="button small" onClick={() => setAll(true)}>
              Show all {findings.length} findings
            </button>
          )}
        </FixesApply.Provider>
      )}
    </section>
  );
});

interface FindingItemProps {
  /** Position in the sorted list, passed back to the handlers. */
  readonly index: number;
  readonly finding: Finding;
  readonly onJump: (index: number) => void;
  readonly onFix: (index: number) => void;
}

/** What an item shows of its finding (not its fix's edits, which shift with every edit above). */
function sameShown(a: Finding, b: Finding): boolean {
  if (a === b) return true;
  return (
    a.ruleId === b.ruleId &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.range.startLine === b.range.startLine &&
    a.range.startColumn === b.range.startColumn &&
    a.platforms.length === b.platforms.length &&
    a.platforms.every((p, i) => p === b.platforms[i]) &&
    (a.fix === null) === (b.fix === null) &&
    a.fix?.description === b.fix?.description &&
    a.fix?.safety === b.fix?.safety
  );
}

const FindingItem = memo(
  function FindingItem({ index, finding: f, onJump, onFix }: FindingItemProps) {
    return (
      <li className={`finding sev-${f.severity}`}>
        <div className="finding-head">
          <span className="severity">
            <SeverityIcon severity={f.severity} />
            {f.severity}
          </span>
          <a className="rule-link mono" href={`#rule/${f.ruleId}`}>
            {f.ruleId}
          </a>
          <button type="button" className="location" onClick={() => onJump(index)}>
            line {f.range.startLine}, column {f.range.startColumn}
            <span className="visually-hidden"> (go to it in the editor)</span>
          </button>
        </div>
        <p className="finding-message">
          <Prose text={f.message} />
        </p>
        {f.platforms.length > 0 && <p className="finding-platforms muted small">{f.platforms.join(", ")}</p>}
        {f.fix && <FixButton index={index} fix={f.fix} onFix={onFix} />}
      </li>
    );
  },
  (a, b) => a.index === b.index && a.onJump === b.onJump && a.onFix === b.onFix && sameShown(a.finding, b.finding),
);

/** The only part of a finding that changes when the text moves ahead of the report. */
function FixButton({
  index,
  fix,
  onFix,
}: {
  readonly index: number;
  readonly fix: NonNullable<Finding["fix"]>;
  readonly onFix: (index: number) => void;
}) {
  const current = useContext(FixesApply);
  return (
    <button type="button" className="button small fix-button" disabled={!current} onClick={() => onFix(index)}>
      Fix: <Prose text={fix.description} />
      {fix.safety === "suggested" && <span className="muted"> (suggested)</span>}
    </button>
  );
}
