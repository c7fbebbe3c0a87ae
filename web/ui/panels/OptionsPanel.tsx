import { useId } from "react";
import type { Report } from "../../core/report/types";
import { useMediaQuery } from "../hooks/use-media-query";
import type { AppDispatch, AppState } from "../state";
import { NAMESPACE_ARG, namespaceOf } from "../state";
import { BuildArgsEditor } from "./BuildArgsEditor";
import { BuildCommandPaste } from "./BuildCommandPaste";
import { KNOWN_PLATFORMS, PlatformPicker } from "./PlatformPicker";

export interface OptionsPanelProps {
  readonly state: AppState;
  readonly report: Report | null;
  readonly dispatch: AppDispatch;
}

/** Platforms, build platform, target stage, namespace, build args, and the build-command paste box. */
export function OptionsPanel({ state, report, dispatch }: OptionsPanelProps) {
  const narrow = useMediaQuery("(max-width: 800px)");
  const targetId = useId();
  const buildId = useId();
  const nsId = useId();
  const listId = useId();
  const named = report?.stages.filter((s) => s.name !== null) ?? [];
  const last = report?.stages[report.stages.length - 1];
  const namespace = namespaceOf(state.buildArgs);
  const hasTyped = state.target !== "" && !named.some((s) => s.name === state.target);
  const extraArgs = state.buildArgs.filter((r) => r.key.trim() !== NAMESPACE_ARG).length;

  const body = (
    <>
      <PlatformPicker platforms={state.platforms} report={report} dispatch={dispatch} />
      <div className="options-row">
        <div className="field">
          <label htmlFor={targetId}>Target stage</label>
          <select
            id={targetId}
            value={state.target}
            onChange={(e) => dispatch({ type: "set-target", target: e.target.value })}
          >
            <option value="">Last stage{last ? ` (${last.name ?? `stage ${last.index}`})` : ""}</option>
            {named.map((s) => (
              <option key={s.index} value={s.name ?? ""}>
                {s.name}
                {s.built ? "" : " (not built now)"}
              </option>
            ))}
            {hasTyped && <option value={state.target}>{state.target}</option>}
          </select>
        </div>
        <div className="field">
          <label htmlFor={buildId}>Build platform</label>
          <input
            id={buildId}
            className="mono"
            type="text"
            list={listId}
            spellCheck={false}
            autoComplete="off"
            value={state.buildPlatform}
            onChange={(e) => dispatch({ type: "set-build-platform", buildPlatform: e.target.value })}
          />
          <datalist id={listId}>
            {KNOWN_PLATFORMS.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={nsId}>
            Namespace <span className="muted small">({NAMESPACE_ARG})</span>
          </label>
          <input
            id={nsId}
            className="mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="(none)"
            value={namespace}
            onChange={(e) => dispatch({ type: "set-namespace", namespace: e.target.value })}
          />
        </div>
      </div>
      <details className="more-options">
        <summary>Build args{extraArgs > 0 ? ` (${extraArgs})` : ""} and paste a build command</summary>
        <BuildArgsEditor rows={state.buildArgs} dispatch={dispatch} />
        <BuildCommandPaste dispatch={dispatch} />
      </details>
    </>
  );

  // On phones the results come first: the options fold into one line that says what is set.
  if (narrow) {
    return (
      <section className="options" aria-label="Build options">
        <details className="options-fold">
          <summary>
            Build options: <span className="mono">{state.platforms.join(", ") || "build platform"}</span>
            {state.target !== "" && (
              <>
                {" "}
                · target <span className="mono">{state.target}</span>
              </>
            )}
            {namespace !== "" && (
              <>
                {" "}
                · namespace <span className="mono">{namespace}</span>
              </>
            )}
          </summary>
          <div className="options-fold-body">{body}</div>
        </details>
      </section>
    );
  }
  return (
    <section className="options" aria-label="Build options">
      {body}
    </section>
  );
}
