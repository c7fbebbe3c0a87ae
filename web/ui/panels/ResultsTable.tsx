import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MountReport, ReportTable } from "../../core/report/types";
import { type CellGroup, type CellGroups, groupCells, groupLabel, verdictWords } from "../lib/collisions";
import { type RowWindow, visibleRows } from "../lib/row-window";
import type { CellRef } from "../state";
import { PathText } from "../components/PathText";
import { Prose } from "../components/Prose";

export interface ResultsTableProps {
  readonly report: ReportTable;
  /** The cell the explain panel shows. */
  readonly selected: CellRef | null;
  readonly onSelect: (cell: CellRef) => void;
  /** Show the mount's RUN in the editor. */
  readonly onReveal: (mount: MountReport) => void;
}

/** Number of distinct group colours in styles.css (`.group-0` …). */
const GROUP_COLOURS = 6;

/**
 * Tables up to this many rows render whole. Longer ones render the rows near the
 * viewport only (plus spacer rows for the rest): a 10,000-line Dockerfile has
 * ~2,000 cache mounts, 16,000 cells on 8 platforms, too many to re-render per keystroke.
 */
const WINDOW_AFTER_ROWS = 60;
/** Row height assumed until rows are measured (px). */
const ESTIMATED_ROW_PX = 56;
/** Rows rendered beyond each edge of the viewport, so scrolling and Tab find them there. */
const OVERSCAN_ROWS = 8;
/** Rows rendered before the table has been laid out (the top of a table at the top of the page). */
const FIRST_WINDOW: RowWindow = { start: 0, end: 30 };

/**
 * Rows are cache mounts, columns are target platforms, cells are cache keys.
 * Cells of one collision share a colour and a text label; hovering or focusing
 * one highlights the whole group. Long tables are windowed: still one real
 * <table> with its caption, header and row headers, with aria-rowcount and
 * aria-rowindex telling assistive technology the whole size.
 */
export const ResultsTable = memo(function ResultsTable({ report, selected, onSelect, onReveal }: ResultsTableProps) {
  const groups = useMemo(() => groupCells(report), [report]);
  const [hot, setHot] = useState<number | null>(null);
  const total = report.mounts.length;
  const windowed = total > WINDOW_AFTER_ROWS;
  const { body, range, rowPx } = useRowWindow(windowed, total);
  const start = windowed ? Math.min(range.start, total) : 0;
  const end = windowed ? Math.min(range.end, total) : total;
  const columnCount = report.platforms.length + 1;
  const columns = useColumns(report);

  return (
    <div className="table-scroll">
      <table className="keys-table" aria-rowcount={windowed ? total + 1 : undefined}>
        <caption>
          Cache key per target platform
          <span className="caption-hint"> (select a cell to see how its key was derived)</span>
        </caption>
        <thead>
          <tr aria-rowindex={windowed ? 1 : undefined}>
            <th scope="col">Cache mount</th>
            {report.platforms.map((p, i) => (
              <th scope="col" key={i} className="mono">
                {p.normalized ?? p.requested}
                {p.error !== null && <span className="field-error small"> (error)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {total === 0 && (
            <tr>
              <td colSpan={columnCount} className="empty">
                No <code>RUN --mount=type=cache</code> in this Dockerfile yet. Load an example from the menu, or add
                one.
              </td>
            </tr>
          )}
          {start > 0 && <Spacer columns={columnCount} height={start * rowPx} />}
          {report.mounts.slice(start, end).map((mount, i) => (
            <MountRow
              key={mount.index}
              mount={mount}
              rowIndex={windowed ? start + i + 2 : undefined}
              columns={columns}
              badges={badgesOf(report, groups, mount)}
              hot={hot !== null && rowHasGroup(mount, groups, hot) ? hot : null}
              selectedPlatform={selected !== null && selected.mount === mount.index ? selected.platformIndex : -1}
              onSelect={onSelect}
              onReveal={onReveal}
              onHot={setHot}
            />
          ))}
          {end < total && <Spacer columns={columnCount} height={(total - end) * rowPx} />}
        </tbody>
      </table>
      <GroupLegend report={report} groups={groups} />
    </div>
  );
});

/** Stands in for rows not rendered, so the page scrolls as if they were. */
function Spacer({ columns, height }: { readonly columns: number; readonly height: number }) {
  return (
    <tr className="row-spacer" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

function rowHasGroup(mount: MountReport, groups: CellGroups, group: number): boolean {
  return mount.cells.some((c) => groups.at(mount.index, c.platformIndex)?.index === group);
}

/** A platform column: its name and whether BuildKit fails the whole build there. */
interface Column {
  readonly label: string;
  readonly failed: boolean;
}

/** What a grouped cell shows of its group. */
interface Badge {
  readonly index: number;
  readonly tone: CellGroup["tone"];
  readonly letter: string;
  readonly label: string;
  readonly reason: string | undefined;
}

/** The columns, the same array while their names and failures stay the same (rows compare it by identity). */
function useColumns(report: ReportTable): readonly Column[] {
  const key = JSON.stringify(
    report.platforms.map((p): Column => ({ label: p.normalized ?? p.requested, failed: p.error !== null })),
  );
  return useMemo(() => JSON.parse(key) as Column[], [key]);
}

/** Per cell of the row (by platform index): its group's badge, or null. */
function badgesOf(report: ReportTable, groups: CellGroups, mount: MountReport): (Badge | null)[] {
  return mount.cells.map((cell) => {
    const group = groups.at(mount.index, cell.platformIndex);
    if (!group) return null;
    return {
      index: group.index,
      tone: group.tone,
      letter: group.letter,
      label: groupLabel(report, group, { mount: mount.index, platformIndex: cell.platformIndex }),
      reason: group.collision.catalogue?.reason,
    };
  });
}

function sameBadges(a: readonly (Badge | null)[], b: readonly (Badge | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y) return false;
    if (x.index !== y.index || x.tone !== y.tone || x.letter !== y.letter || x.label !== y.label) return false;
    if (x.reason !== y.reason) return false;
  }
  return true;
}

interface MountRowProps {
  /** The same object as long as the worker found the mount unchanged (web/worker/protocol.ts). */
  readonly mount: MountReport;
  /** aria-rowindex when the table is windowed. */
  readonly rowIndex: number | undefined;
  readonly columns: readonly Column[];
  readonly badges: readonly (Badge | null)[];
  /** The highlighted group, when this row has a cell in it. */
  readonly hot: number | null;
  /** The selected cell's platform index, when it is in this row; -1 otherwise. */
  readonly selectedPlatform: number;
  readonly onSelect: (cell: CellRef) => void;
  readonly onReveal: (mount: MountReport) => void;
  readonly onHot: (group: number | null) => void;
}

/** Props equal, badges by value: a keystroke re-renders only the rows whose content changed. */
function sameRow(a: MountRowProps, b: MountRowProps): boolean {
  return (
    a.mount === b.mount &&
    a.rowIndex === b.rowIndex &&
    a.columns === b.columns &&
    a.hot === b.hot &&
    a.selectedPlatform === b.selectedPlatform &&
    a.onSelect === b.onSelect &&
    a.onReveal === b.onReveal &&
    a.onHot === b.onHot &&
    sameBadges(a.badges, b.badges)
  );
}

/** One cache mount. */
const MountRow = memo(function MountRow({
  mount,
  rowIndex,
  columns,
  badges,
  hot,
  selectedPlatform,
  onSelect,
  onReveal,
  onHot,
}: MountRowProps) {
  return (
    <tr aria-rowindex={rowIndex} onClick={() => onReveal(mount)}>
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
      {mount.cells.map((cell, i) => {
        const badge = badges[i] ?? null;
        const ref = { mount: mount.index, platformIndex: cell.platformIndex };
        const column = columns[cell.platformIndex];
        // BuildKit stops the whole build on this platform: no key, whatever the stage.
        const failed = column?.failed ?? false;
        return (
          <td
            key={cell.platformIndex}
            className={cellClass(badge, hot, !cell.built)}
            onMouseEnter={() => onHot(badge ? badge.index : null)}
            onMouseLeave={() => onHot(null)}
          >
            <button
              type="button"
              className="cell-button"
              aria-pressed={selectedPlatform === cell.platformIndex}
              title={badge?.reason}
              onFocus={() => onHot(badge ? badge.index : null)}
              onBlur={() => onHot(null)}
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
              {!failed && cell.built && cell.execPlatform !== (column?.label ?? "?") && (
                <span className="runs-on">runs on {cell.execPlatform}</span>
              )}
              {cell.built && cell.hasBase && <span className="runs-on">with a base ({cell.base.kind})</span>}
              {badge && cell.built && (
                <span className="group-label">
                  <span className="group-badge" aria-hidden="true">
                    {badge.letter}
                  </span>
                  {badge.label}
                </span>
              )}
            </button>
          </td>
        );
      })}
    </tr>
  );
}, sameRow);

function cellClass(group: Badge | null, hot: number | null, notBuilt: boolean): string {
  const classes = ["cell"];
  if (notBuilt) classes.push("not-built");
  if (group) {
    classes.push(`tone-${group.tone}`, `group-${group.index % GROUP_COLOURS}`);
    if (hot === group.index) classes.push("hot");
  }
  return classes.join(" ");
}

/**
 * The rows to render for a windowed table: those under the viewport, plus
 * overscan, recomputed on scroll and resize (any scroll container: the listener
 * captures), with the row height measured from the rows on screen.
 */
function useRowWindow(
  enabled: boolean,
  total: number,
): {
  readonly body: React.RefObject<HTMLTableSectionElement | null>;
  readonly range: RowWindow;
  readonly rowPx: number;
} {
  const body = useRef<HTMLTableSectionElement | null>(null);
  const [range, setRange] = useState<RowWindow>(FIRST_WINDOW);
  const [rowPx, setRowPx] = useState(ESTIMATED_ROW_PX);
  const frame = useRef(0);

  const update = useCallback(() => {
    frame.current = 0;
    const tbody = body.current;
    if (tbody === null) return;
    const px = measureRowPx(tbody) ?? rowPx;
    if (Math.abs(px - rowPx) >= 2) setRowPx(px);
    const rect = tbody.getBoundingClientRect();
    const next = visibleRows({
      top: rect.top,
      viewport: window.innerHeight,
      rowPx: px,
      total,
      overscan: OVERSCAN_ROWS,
      minimum: FIRST_WINDOW.end,
    });
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [rowPx, total]);

  useEffect(() => {
    if (!enabled) return;
    const schedule = () => {
      if (frame.current === 0) frame.current = requestAnimationFrame(update);
    };
    schedule();
    window.addEventListener("scroll", schedule, { capture: true, passive: true });
    window.addEventListener("resize", schedule, { passive: true });
    return () => {
      window.removeEventListener("scroll", schedule, { capture: true });
      window.removeEventListener("resize", schedule);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [enabled, update]);

  return { body, range, rowPx };
}

/** The mean height of the data rows on screen, or null when there are none. */
function measureRowPx(tbody: HTMLTableSectionElement): number | null {
  let sum = 0;
  let count = 0;
  for (const row of tbody.rows) {
    if (row.classList.contains("row-spacer")) continue;
    sum += row.getBoundingClientRect().height;
    count++;
  }
  return count === 0 || sum === 0 ? null : sum / count;
}

/** One line per shared directory, with the catalogue's reason (safe sharing is explained, not hidden). */
const GroupLegend = memo(function GroupLegend({
  report,
  groups,
}: {
  readonly report: ReportTable;
  readonly groups: CellGroups;
}) {
  if (report.collisions.length === 0) return null;
  const distinct = groups.list.filter((g) => g.collision.cells.length > 0);
  return (
    <ul className="group-legend" aria-label="Shared cache directories">
      {distinct.map((g) => (
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
});
