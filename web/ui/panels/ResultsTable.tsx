import { useMemo, useState } from "react";
import type { MountReport, Report } from "../../core/report/types";
import { type CellGroup, cellKey, groupCells, groupLabel, verdictWords } from "../lib/collisions";
import type { CellRef } from "../state";
import { PathText } from "../components/PathText";
import { Prose } from "../components/Prose";

export interface ResultsTableProps {
  readonly report: Report;
  /** The cell the explain panel shows. */
  readonly selected: CellRef | null;
  readonly onSelect: (cell: CellRef) => void;
  /** Show the mount's RUN in the editor. */
  readonly onReveal: (mount: MountReport) => void;
}

/** Number of distinct group colours in styles.css (`.group-0` …). */
const GROUP_COLOURS = 6;

function platformLabel(report: Report, index: number): string {
  const p = report.platforms[index];
  return p ? (p.normalized ?? p.requested) : "?";
}

/**
 * Rows are cache mounts, columns are target platforms, cells are cache keys.
 * Cells of one collision share a colour and a text label; hovering or focusing
 * one highlights the whole group.
 */
export function ResultsTable({ report, selected, onSelect, onReveal }: ResultsTableProps) {
  const groups = useMemo(() => groupCells(report), [report]);
  const [hot, setHot] = useState<number | null>(null);

  return (
    <div className="table-scroll">
      <table className="keys-table">
        <caption>
          Cache key per target platform
          <span className="caption-hint"> (select a cell to see how its key was derived)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Cache mount</th>
            {report.platforms.map((p, i) => (
              <th scope="col" key={i} className="mono">
                {p.normalized ?? p.requested}
                {p.error !== null && <span className="field-error small"> (error)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.mounts.length === 0 && (
            <tr>
              <td colSpan={report.platforms.length + 1} className="empty">
                No <code>RUN --mount=type=cache</code> in this Dockerfile yet. Load an example from the menu, or add
                one.
              </td>
            </tr>
          )}
          {report.mounts.map((mount) => (
            <tr key={mount.index} onClick={() => onReveal(mount)}>
              <th scope="row">
                <button
                  type="button"
                  className="row-link"
                  onClick={(e) => {
                    e.stopPropagation();
                    onReveal(mount);
                  }}
                >
                  line {mount.line}
                  <span className="visually-hidden"> (show in the editor)</span>
                </button>
                <span className="row-meta">
                  {" · "}
                  {mount.stage ?? `stage ${mount.stageIndex}`}
                </span>
                <code className="row-target">
                  <PathText text={mount.writtenTarget} />
                </code>
              </th>
              {mount.cells.map((cell) => {
                const group = groups.get(cellKey(mount.index, cell.platformIndex));
                const ref = { mount: mount.index, platformIndex: cell.platformIndex };
                const isSelected =
                  selected !== null && selected.mount === mount.index && selected.platformIndex === cell.platformIndex;
                const column = platformLabel(report, cell.platformIndex);
                // BuildKit stops the whole build on this platform: no key, whatever the stage.
                const failed = (report.platforms[cell.platformIndex]?.error ?? null) !== null;
                return (
                  <td
                    key={cell.platformIndex}
                    className={cellClass(group, hot, !cell.built)}
                    onMouseEnter={() => setHot(group ? group.index : null)}
                    onMouseLeave={() => setHot(null)}
                  >
                    <button
                      type="button"
                      className="cell-button"
                      aria-pressed={isSelected}
                      title={group?.collision.catalogue?.reason}
                      onFocus={() => setHot(group ? group.index : null)}
                      onBlur={() => setHot(null)}
                      onClick={() => onSelect(ref)}
                    >
                      {failed ? (
                        <span className="field-error">build fails</span>
                      ) : cell.built ? (
                        <code className="cache-key">
                          <PathText text={cell.cacheKey} />
                        </code>
                      ) : (
                        <span className="muted">not built</span>
                      )}
                      {!failed && cell.built && cell.execPlatform !== column && (
                        <span className="runs-on">runs on {cell.execPlatform}</span>
                      )}
                      {cell.built && cell.hasBase && <span className="runs-on">with a base ({cell.base.kind})</span>}
                      {group && cell.built && (
                        <span className="group-label">
                          <span className="group-badge" aria-hidden="true">
                            {group.letter}
                          </span>
                          {groupLabel(report, group, ref)}
                        </span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <GroupLegend report={report} />
    </div>
  );
}

function cellClass(group: CellGroup | undefined, hot: number | null, notBuilt: boolean): string {
  const classes = ["cell"];
  if (notBuilt) classes.push("not-built");
  if (group) {
    classes.push(`tone-${group.tone}`, `group-${group.index % GROUP_COLOURS}`);
    if (hot === group.index) classes.push("hot");
  }
  return classes.join(" ");
}

/** One line per shared directory, with the catalogue's reason (safe sharing is explained, not hidden). */
function GroupLegend({ report }: { readonly report: Report }) {
  if (report.collisions.length === 0) return null;
  const groups = [...new Map([...groupCells(report).values()].map((g) => [g.index, g])).values()];
  return (
    <ul className="group-legend" aria-label="Shared cache directories">
      {groups.map((g) => (
        <li key={g.index} className={`tone-${g.tone} group-${g.index % GROUP_COLOURS}`}>
          <span className="group-badge" aria-hidden="true">
            {g.letter}
          </span>
          <code>{g.collision.cacheKey}</code> <strong>{verdictWords(g.collision)}</strong>
          {g.collision.catalogue && (
            <span className="muted">
              {" — "}
              <Prose text={g.collision.catalogue.reason} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
