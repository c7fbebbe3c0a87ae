import type { AppDispatch, BuildArgRow } from "../state";
import { NAMESPACE_ARG } from "../state";

/** `--build-arg` rows. The namespace has its own field, so its row is not listed here. */
export function BuildArgsEditor({
  rows,
  dispatch,
}: {
  readonly rows: readonly BuildArgRow[];
  readonly dispatch: AppDispatch;
}) {
  const visible = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.key.trim() !== NAMESPACE_ARG);
  const update = (index: number, patch: Partial<BuildArgRow>) =>
    dispatch({ type: "set-build-args", buildArgs: rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="build-args">
      <legend>Build args</legend>
      {visible.length === 0 && <p className="muted small">None. Automatic platform ARGs are always set.</p>}
      {visible.length > 0 && (
        <ul className="arg-rows">
          {visible.map(({ row, index }, n) => (
            <li key={index} className="arg-row">
              <input
                className="mono"
                type="text"
                spellCheck={false}
                autoComplete="off"
                aria-label={`Build arg ${n + 1} name`}
                placeholder="NAME"
                value={row.key}
                onChange={(e) => update(index, { key: e.target.value })}
              />
              <span aria-hidden="true">=</span>
              <input
                className="mono"
                type="text"
                spellCheck={false}
                autoComplete="off"
                aria-label={`Build arg ${n + 1} value`}
                placeholder="value"
                value={row.value}
                onChange={(e) => update(index, { value: e.target.value })}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove build arg ${row.key || n + 1}`}
                onClick={() => dispatch({ type: "set-build-args", buildArgs: rows.filter((_, i) => i !== index) })}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button small"
        onClick={() => dispatch({ type: "set-build-args", buildArgs: [...rows, { key: "", value: "" }] })}
      >
        Add build arg
      </button>
    </fieldset>
  );
}
