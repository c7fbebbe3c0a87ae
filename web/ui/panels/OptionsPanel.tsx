import { lazy, memo, Suspense, useId, useMemo, useState } from "react";
import type { ReportTable, StageInfo } from "../../core/report/types";
import { useMediaQuery } from "../hooks/use-media-query";
import type { AppDispatch, BuildArgRow } from "../state";
import { NAMESPACE_ARG, namespaceOf } from "../state";
import { COMMON_TARGET_PLATFORMS } from "../../core/platform/common-targets";
import { sameItems } from "../../core/util/same-items";
import { PlatformPicker } from "./PlatformPicker";

// Inside a fold that starts closed: loaded when it is first opened, not with the first table.
const BuildArgsEditor = lazy(() => import("./BuildArgsEditor").then((m) => ({ default: m.BuildArgsEditor })));
const BuildCommandPaste = lazy(() => import("./BuildCommandPaste").then((m) => ({ default: m.BuildCommandPaste })));

export interface OptionsPanelProps {
  readonly platforms: readonly string[];
  readonly buildPlatform: string;
  readonly buildArgs: readonly BuildArgRow[];
  readonly target: string;
  readonly report: ReportTable | null;
  readonly dispatch: AppDispatch;
}

interface StageOption {
  readonly index: number;
  readonly name: string;
  readonly built: boolean;
}

/** Platforms, build platform, target stage, namespace, build args, and the build-command paste box. */
export const OptionsPanel = memo(function OptionsPanel({
  platforms,
  buildPlatform,
  buildArgs,
  target,
  report,
  dispatch,
}: OptionsPanelProps) {
  const narrow = useMediaQuery("(max-width: 800px)");
  const buildId = useId();
  const nsId = useId();
  const listId = useId();
  const [foldOpened, setFoldOpened] = useState(false);
  const namespace = namespaceOf(buildArgs);
  const extraArgs = buildArgs.filter((r) => r.key.trim() !== NAMESPACE_ARG).length;
  // The stage list changes far less often than the report: keep it (and its <option>s) while it is equal.
  const stagesKey = useStagesKey(report?.stages ?? null);

  const body = (
    <>
      <PlatformPicker platforms={platforms} report={report} dispatch={dispatch} />
      <div className="options-row">
        <TargetSelect stagesKey={stagesKey} target={target} dispatch={dispatch} />
        <div className="field">
          <label htmlFor={buildId}>Build platform</label>
          <input
            id={buildId}
            className="mono"
            type="text"
            list={listId}
            spellCheck={false}
            autoComplete="off"
            value={buildPlatform}
            onChange={(e) => dispatch({ type: "set-build-platform", buildPlatform: e.target.value })}
          />
          <datalist id={listId}>
            {COMMON_TARGET_PLATFORMS.map((p) => (
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
      <details
        className="more-options"
        // Mounted on first open (and kept: its typed command survives closing).
        onToggle={(e) => e.currentTarget.open && setFoldOpened(true)}
      >
        <summary>Build args{extraArgs > 0 ? ` (${extraArgs})` : ""} and paste a build command</summary>
        {foldOpened && (
          <Suspense fallback={<p className="muted small">Loading…</p>}>
            <BuildArgsEditor rows={buildArgs} dispatch={dispatch} />
            <BuildCommandPaste dispatch={dispatch} />
          </Suspense>
        )}
      </details>
    </>
  );

  // On phones the results come first: the options fold into one line that says what is set.
  if (narrow) {
    return (
      <section className="options" aria-label="Build options">
        <details className="options-fold">
          <summary>
            Build options: <span className="mono">{platforms.join(", ") || "build platform"}</span>
            {target !== "" && (
              <>
                {" "}
                · target <span className="mono">{target}</span>
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
});

/**
 * The stages as a string that changes only when they do. Unchanged stages keep
 * their objects from one report to the next (web/worker/protocol.ts), so equal
 * lists are recognised without serializing ~1,000 stages per keystroke.
 */
function useStagesKey(stages: readonly StageInfo[] | null): string {
  const [memo, setMemo] = useState<{ stages: readonly StageInfo[] | null; key: string }>({ stages: null, key: "" });
  if (memo.stages !== stages && !(stages !== null && memo.stages !== null && sameItems(stages, memo.stages))) {
    const key = stages === null ? "" : stagesKeyOf(stages);
    setMemo({ stages, key });
    return key;
  }
  return memo.key;
}

function stagesKeyOf(stages: readonly StageInfo[]): string {
  const last = stages[stages.length - 1];
  const named: StageOption[] = [];
  for (const s of stages) if (s.name !== null) named.push({ index: s.index, name: s.name, built: s.built });
  return JSON.stringify({ last: last ? (last.name ?? `stage ${last.index}`) : null, named });
}

/** The target stage: named stages of the last report (kept while they stay the same). */
const TargetSelect = memo(function TargetSelect({
  stagesKey,
  target,
  dispatch,
}: {
  /** The stages, as OptionsPanel serializes them ("" before the first report). */
  readonly stagesKey: string;
  readonly target: string;
  readonly dispatch: AppDispatch;
}) {
  const targetId = useId();
  const stages = useMemo(
    () =>
      stagesKey === ""
        ? { last: null, named: [] }
        : (JSON.parse(stagesKey) as { last: string | null; named: StageOption[] }),
    [stagesKey],
  );
  const hasTyped = target !== "" && !stages.named.some((s) => s.name === target);
  return (
    <div className="field">
      <label htmlFor={targetId}>Target stage</label>
      <select id={targetId} value={target} onChange={(e) => dispatch({ type: "set-target", target: e.target.value })}>
        <option value="">Last stage{stages.last !== null ? ` (${stages.last})` : ""}</option>
        {stages.named.map((s) => (
          <option key={s.index} value={s.name}>
            {s.name}
            {s.built ? "" : " (not built now)"}
          </option>
        ))}
        {hasTyped && <option value={target}>{target}</option>}
      </select>
    </div>
  );
});
