import { lazy, Suspense, useState } from "react";
import type { Finding, FixStyle, Report } from "../../core/report/types";
import { useMediaQuery } from "../hooks/use-media-query";
import { Prose } from "../components/Prose";
import { copyText } from "../lib/clipboard";
import type { AppDispatch } from "../state";
import { FIX_STYLES } from "../state";

const DiffPane = lazy(() => import("../editor/DiffPane"));

const STYLE_TEXT: Record<FixStyle, { readonly label: string; readonly hint: string }> = {
  TARGETPLATFORM: { label: "${TARGETPLATFORM}", hint: "one cache per platform, variants included (default)" },
  "TARGETARCH+TARGETVARIANT": { label: "${TARGETARCH}${TARGETVARIANT}", hint: "short ids, variants kept apart" },
  TARGETARCH: { label: "${TARGETARCH}", hint: "the common workaround; arm/v6 and arm/v7 still share" },
};

export interface FixPanelProps {
  readonly report: Report;
  /** The text `report` was computed from. */
  readonly text: string;
  /** False while the report is for older text or options (e.g. right after a fix-style change). */
  readonly current: boolean;
  readonly fixStyle: FixStyle;
  readonly dispatch: AppDispatch;
  readonly theme: "light" | "dark";
  /** Replace the editor text with `fixed` as one undoable edit. */
  readonly onApplyAll: (fixed: string) => void;
  readonly onFix: (finding: Finding) => void;
}

/** Original vs fixed, the id style, and the buttons that use the fixed Dockerfile. */
export function FixPanel({ report, text, current, fixStyle, dispatch, theme, onApplyAll, onFix }: FixPanelProps) {
  const wide = useMediaQuery("(min-width: 1100px)");
  const [status, setStatus] = useState("");
  const unchanged = report.fixed === text;
  // Exactly the fixes "fix all" took: the fixed text is these findings' edits (rules/index.ts).
  const applied = report.findings.filter((f) => f.fix?.safety === "safe");
  const suggested = report.findings.filter((f) => f.fix?.safety === "suggested");

  return (
    <section className="fix-panel" aria-labelledby="fix-heading">
      <h2 id="fix-heading">Fixed Dockerfile</h2>
      <fieldset className="fix-style">
        <legend>Id style the fix writes</legend>
        {FIX_STYLES.map((style) => (
          <label key={style} className="radio">
            <input
              type="radio"
              name="fix-style"
              value={style}
              checked={fixStyle === style}
              onChange={() => dispatch({ type: "set-fix-style", fixStyle: style })}
            />
            <code>{STYLE_TEXT[style].label}</code> <span className="muted small">{STYLE_TEXT[style].hint}</span>
          </label>
        ))}
      </fieldset>
      {unchanged ? (
        <p className="muted">Nothing to fix automatically: the safe fixes change nothing in this Dockerfile.</p>
      ) : (
        <div className="diff-host">
          <Suspense
            fallback={
              <pre className="editor-fallback" aria-label="Fixed Dockerfile">
                {report.fixed}
              </pre>
            }
          >
            <DiffPane
              original={text}
              modified={report.fixed}
              theme={theme}
              sideBySide={wide}
              fallback={<pre className="editor-fallback">{report.fixed}</pre>}
            />
          </Suspense>
        </div>
      )}
      {!unchanged && applied.length > 0 && (
        <div className="applied">
          <h3>What the fixed Dockerfile changes</h3>
          <ul>
            {applied.map((f, i) => (
              <li key={i}>
                <FixSource finding={f} />: <Prose text={f.fix?.description ?? ""} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={unchanged || !current}
          onClick={() => {
            onApplyAll(report.fixed);
            setStatus("Applied to the editor. Ctrl+Z in the editor undoes it.");
          }}
        >
          Apply to editor
        </button>
        <button
          type="button"
          className="button"
          onClick={async () => {
            const ok = await copyText(report.fixed);
            setStatus(ok ? "Fixed Dockerfile copied." : "Could not copy: select the text in the diff instead.");
          }}
        >
          Copy fixed Dockerfile
        </button>
      </div>
      <p role="status" className="status-line">
        {status}
      </p>
      {suggested.length > 0 && (
        <div className="suggested">
          <h3>Suggested, not applied automatically</h3>
          <ul>
            {suggested.map((f, i) => (
              <li key={i}>
                <FixSource finding={f} />: <Prose text={f.message} />{" "}
                <button type="button" className="button small" disabled={!current} onClick={() => onFix(f)}>
                  Apply: <Prose text={f.fix?.description ?? ""} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Which finding a fix comes from: its line and rule, the rule linking to its page. */
function FixSource({ finding: f }: { readonly finding: Finding }) {
  return (
    <>
      line {f.range.startLine}{" "}
      <a className="rule-link mono small" href={`#rule/${f.ruleId}`}>
        {f.ruleId}
      </a>
    </>
  );
}
