import type { Report } from "../../core/report/types";

/** Rows are cache mounts, columns are target platforms, cells are cache keys. */
export function ResultsTable({ report }: { readonly report: Report }) {
  const collidingCells = new Set<string>();
  for (const collision of report.collisions) {
    for (const cell of collision.cells) collidingCells.add(`${cell.mount}:${cell.platformIndex}`);
  }
  return (
    <table className="keys-table">
      <caption>Cache key per target platform</caption>
      <thead>
        <tr>
          <th scope="col">Mount</th>
          {report.platforms.map((p, i) => (
            <th scope="col" key={i}>
              {p.normalized ?? p.requested}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.mounts.map((mount) => (
          <tr key={mount.index}>
            <th scope="row">
              line {mount.line} · {mount.stage ?? `stage ${mount.stageIndex}`} · <code>{mount.writtenTarget}</code>
            </th>
            {mount.cells.map((cell) => {
              const colliding = collidingCells.has(`${mount.index}:${cell.platformIndex}`);
              return (
                <td key={cell.platformIndex} className={colliding ? "cell collides" : "cell"}>
                  {cell.built ? (
                    <code className="cache-key">{cell.cacheKey}</code>
                  ) : (
                    <span className="muted">not built</span>
                  )}
                  {colliding && <span className="collision-mark"> collides</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
