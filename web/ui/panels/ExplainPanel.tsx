import { memo } from "react";
import type { ReportTable, TraceStep } from "../../core/report/types";
import { Prose } from "../components/Prose";
import { groupCells, groupLabel, verdictWords } from "../lib/collisions";
import type { CellRef } from "../state";

const KIND_LABEL: Record<TraceStep["kind"], string> = {
  written: "written",
  variable: "variable",
  "undeclared-platform-arg": "undeclared ARG",
  "undefined-variable": "undefined",
  expanded: "expanded",
  "default-id": "default id",
  clean: "cleaned",
  namespace: "namespace",
  key: "key",
  workdir: "WORKDIR",
  base: "base",
  "exec-platform": "runs on",
  sharing: "sharing",
  error: "error",
};

export interface ExplainPanelProps {
  readonly report: ReportTable;
  readonly cell: CellRef | null;
  /** True when the cell was picked for the user (no selection yet). */
  readonly automatic: boolean;
}

/** The derivation of one cell's key, step by step, and the catalogue's verdict on its sharing. */
export const ExplainPanel = memo(function ExplainPanel({ report, cell, automatic }: ExplainPanelProps) {
  const mount = cell ? report.mounts[cell.mount] : undefined;
  const mc = cell && mount ? mount.cells[cell.platformIndex] : undefined;
  const platform = cell ? report.platforms[cell.platformIndex] : undefined;
  if (!cell || !mount || !mc || !platform) {
    return (
      <section className="explain" aria-labelledby="explain-heading">
        <h2 id="explain-heading">How the key was derived</h2>
        <p className="muted">Select a cell in the table to see how its cache key was derived.</p>
      </section>
    );
  }
  const group = groupCells(report).at(cell.mount, cell.platformIndex);
  const platformName = platform.normalized ?? platform.requested;
  return (
    <section className="explain" aria-labelledby="explain-heading">
      <h2 id="explain-heading">How the key was derived</h2>
      <p className="explain-subject">
        Line {mount.line} · {mount.stage ?? `stage ${mount.stageIndex}`} · <code>{mount.writtenTarget}</code> on{" "}
        <strong className="mono">{platformName}</strong>
        {automatic && <span className="muted"> — the most telling cell; select any other in the table.</span>}
      </p>
      {mc.built ? (
        <p className="explain-key">
          Cache key <code className="cache-key">{mc.cacheKey}</code>
          {mc.execPlatform !== platformName && (
            <>
              {" "}
              · runs on <span className="mono">{mc.execPlatform}</span>
            </>
          )}{" "}
          · sharing <span className="mono">{mc.sharing}</span>
        </p>
      ) : (
        <p className="explain-key muted">Not built for this target: BuildKit never computes this key.</p>
      )}
      <ol className="trace" aria-label="Derivation steps">
        {mc.trace.map((step, i) => (
          <li key={i} className={`step step-${step.kind}`}>
            <span className="step-kind">{KIND_LABEL[step.kind] ?? step.kind}</span>
            <span className="step-text">
              <Prose text={step.text} />
            </span>
          </li>
        ))}
      </ol>
      {group ? (
        <div className={`verdict tone-${group.tone}`}>
          <h3>
            <span className="group-badge" aria-hidden="true">
              {group.letter}
            </span>{" "}
            {groupLabel(report, group, cell)}
          </h3>
          <p>
            Execution platforms sharing this directory:{" "}
            <span className="mono">{group.collision.execPlatforms.join(", ")}</span>.
          </p>
          {group.collision.catalogue ? (
            <p>
              <strong>{verdictWords(group.collision)}.</strong> <Prose text={group.collision.catalogue.reason} />{" "}
              <span className="muted small">
                (matched by <Prose text={group.collision.catalogue.matchedBy} />)
              </span>
            </p>
          ) : (
            <p>
              <strong>Unknown tool.</strong> The catalogue does not know what lives in this directory: isolate it per
              platform unless you know the tool keys its content by architecture.
            </p>
          )}
        </div>
      ) : (
        mc.built && <p className="muted">No other RUN or platform uses this directory.</p>
      )}
    </section>
  );
});
