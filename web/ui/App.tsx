import { lazy, startTransition, Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { minimalEdit } from "../core/util/minimal-edit";
import type { Finding, MountReport, TextEdit } from "../core/report/types";
import type { Range } from "../core/source";
import { type Example, findExample } from "../examples/index";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { Tabs } from "./components/Tabs";
import { takeAppBoot } from "./analysis/early-start";
import type { EditorApi } from "./editor/editor-api";
import { useAnalysis } from "./hooks/use-analysis";
import { useLasting } from "./hooks/use-lasting";
import { useColorScheme } from "./hooks/use-color-scheme";
import { clearRuleHash } from "./hooks/use-hash-route";
import { useSharedPlayground } from "./hooks/use-permalink";
import type { DocExample } from "./hooks/use-rule-docs";
import { mostInstructiveCell, summaryLine } from "./lib/collisions";
import { applyEdits as applyEditsToText } from "../core/fix/apply-edits";
import { OptionsPanel } from "./panels/OptionsPanel";
import { ResultsTable } from "./panels/ResultsTable";
import { type CellRef, DEFAULT_STATE, exampleAction, type Tab, toAnalyzeOptions } from "./state";

// Monaco lives in this lazy chunk only: the table and findings render before it arrives.
const EditorPane = lazy(() => import("./editor/EditorPane"));
// Views other than the results table load when first opened: the first table needs none of them.
// The lesson texts are not needed for the first table (examples/lessons.ts).
const LessonBanner = lazy(() => import("./components/LessonBanner").then((m) => ({ default: m.LessonBanner })));
const IntroView = lazy(() => import("./pages/IntroView").then((m) => ({ default: m.IntroView })));
const RuleView = lazy(() => import("./pages/RuleView").then((m) => ({ default: m.RuleView })));
// Below the table: their chunks arrive while the table is on screen.
const ExplainPanel = lazy(() => import("./panels/ExplainPanel").then((m) => ({ default: m.ExplainPanel })));
const FindingsList = lazy(() => import("./panels/FindingsList").then((m) => ({ default: m.FindingsList })));
const FixPanel = lazy(() => import("./panels/FixPanel").then((m) => ({ default: m.FixPanel })));
// Shown only when a link fails or displaces a draft: not part of the first table's download.
const BrokenLinkNotice = lazy(() =>
  import("../share/ui/BrokenLinkNotice").then((m) => ({ default: m.BrokenLinkNotice })),
);
const DraftNotice = lazy(() => import("../share/ui/DraftNotice").then((m) => ({ default: m.DraftNotice })));
// Used after the first table is read: the chunk arrives while the worker analyses. Until then the
// same buttons hold their place, disabled.
const ShareButtons = lazy(() => import("../share/ui/ShareButtons").then((m) => ({ default: m.ShareButtons })));
const SHARE_PLACEHOLDER = (
  <div className="share-buttons">
    <button type="button" disabled>
      Copy link
    </button>
    <button type="button" disabled>
      Copy as Markdown
    </button>
  </div>
);

const EDITOR_HINT =
  "Tab indents inside the editor. To move focus out with the keyboard, press Ctrl+M (Ctrl+Shift+M on macOS) to make Tab move focus, then Tab.";

const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: "results", label: "Results" },
  { id: "fix", label: "Fix" },
  { id: "learn", label: "Learn" },
];

export function App() {
  // ── SHARE HOOKS ─────────────────────────────────────────────────────────────
  // The state lives in useReducer(reducer, …) inside useSharedPlayground (web/ui/hooks/use-permalink.ts):
  // it opens the link in the address or the autosaved draft before the first render, then runs
  // useDraft (autosave, "restore your draft") and usePermalink (the address is always a permalink;
  // `#rule/<id>` and `#example/<id>` links). Everything else only sees `state` and `dispatch`.
  // ────────────────────────────────────────────────────────────────────────────
  // The start-up state was read, and its analysis started, before React rendered (analysis/early-start.ts).
  const [boot] = useState(takeAppBoot);
  const { state, dispatch, draft, permalink } = useSharedPlayground(() => boot?.start ?? null);

  const { platforms, buildPlatform, buildArgs, target, fixStyle } = state;
  const options = useMemo(
    () => toAnalyzeOptions({ ...DEFAULT_STATE, platforms, buildPlatform, buildArgs, target, fixStyle }),
    [platforms, buildPlatform, buildArgs, target, fixStyle],
  );
  const analysis = useAnalysis(state.text, options, () => boot?.client ?? null);
  // The table shows the newest run's table, which comes before its findings; the findings, the fix
  // and the editor's markers use the last whole report (use-analysis.ts, web/worker/protocol.ts).
  const { report, reportText, table, analyzeNow } = analysis;
  const current = report !== null && reportText === state.text;
  // Said only when a run lasts (use-lasting.ts): not flashed at every keystroke. The Fix tab's buttons
  // still wait for every run: its "Apply" writes the whole fixed text, which new options change too.
  const pendingShown = useLasting(analysis.pending);
  const staleShown = useLasting(!current);
  const theme = useColorScheme();

  // ── Editor bridge ───────────────────────────────────────────────────────────
  const editor = useRef<EditorApi | null>(null);
  const pendingReveal = useRef<{ range: Range; focus: boolean } | null>(null);
  const onEditorReady = useCallback((api: EditorApi | null) => {
    editor.current = api;
    const pending = pendingReveal.current;
    if (api && pending) {
      pendingReveal.current = null;
      api.reveal(pending.range, { focus: pending.focus });
    }
  }, []);
  const reveal = useCallback((range: Range, focus: boolean) => {
    if (editor.current) editor.current.reveal(range, { focus });
    else pendingReveal.current = { range, focus };
  }, []);
  // A keystroke: the worker gets the text at once; React renders the new text at low priority
  // (the editor shows it already), so typing never waits for a render of the page.
  const onTextChange = useCallback(
    (text: string) => {
      analyzeNow(text);
      startTransition(() => dispatch({ type: "set-text", text }));
    },
    [analyzeNow, dispatch],
  );

  // Read by the fix callbacks when clicked, so they stay stable while the text changes.
  const latest = useRef({ text: state.text, reportText, table });
  useLayoutEffect(() => {
    latest.current = { text: state.text, reportText, table };
  }, [state.text, reportText, table]);

  /** Applies edits computed for the report's text as one undoable step (through Monaco when it is there). */
  const applyEdits = useCallback(
    (edits: readonly TextEdit[]) => {
      const { text, reportText: base } = latest.current;
      if (base === null || base !== text) return;
      // Monaco applies them only if it still holds `base` (React's copy of the text may lag behind it).
      if (editor.current) editor.current.applyEdits(base, edits);
      else dispatch({ type: "set-text", text: applyEditsToText(base, edits) });
    },
    [dispatch],
  );
  const applyFix = useCallback((f: Finding) => f.fix && applyEdits(f.fix.edits), [applyEdits]);
  const applyAll = useCallback(
    (fixed: string) => {
      const base = latest.current.reportText;
      const edit = base === null ? null : minimalEdit(base, fixed);
      if (edit) applyEdits([edit]);
    },
    [applyEdits],
  );
  const jumpTo = useCallback((f: Finding) => reveal(f.range, true), [reveal]);
  const revealMount = useCallback((m: MountReport) => reveal(m.range, false), [reveal]);

  // ── View ────────────────────────────────────────────────────────────────────
  const selectCell = useCallback(
    (cell: CellRef) => {
      dispatch({ type: "select-cell", cell });
      const m = latest.current.table?.mounts[cell.mount];
      if (m) reveal(m.range, false);
    },
    [reveal, dispatch],
  );
  const loadExample = useCallback(
    (example: Example) => {
      const action = exampleAction(example);
      if (action) dispatch(action);
    },
    [dispatch],
  );
  const loadDocExample = useCallback(
    (example: DocExample) => {
      clearRuleHash();
      dispatch({
        type: "load-snippet",
        preset: {
          text: example.dockerfile,
          ...(example.platforms ? { platforms: example.platforms } : {}),
          ...(example.buildPlatform ? { buildPlatform: example.buildPlatform } : {}),
          ...(example.buildArgs ? { buildArgs: example.buildArgs } : {}),
          ...(example.target ? { target: example.target } : {}),
        },
      });
    },
    [dispatch],
  );
  const closeRule = useCallback(() => {
    clearRuleHash();
    dispatch({ type: "open-rule", rule: null });
  }, [dispatch]);
  const openIntro = useCallback(() => dispatch({ type: "set-tab", tab: "learn" }), [dispatch]);
  const selectTab = useCallback((tab: Tab) => dispatch({ type: "set-tab", tab }), [dispatch]);
  const dismissLesson = useCallback(() => dispatch({ type: "dismiss-lesson" }), [dispatch]);

  const lesson = state.view.example ? findExample(state.view.example) : undefined;
  const selected = useMemo(() => {
    const c = state.view.cell;
    if (table && c && table.mounts[c.mount]?.cells[c.platformIndex]) return { cell: c, automatic: false };
    return { cell: table ? mostInstructiveCell(table) : null, automatic: true };
  }, [table, state.view.cell]);

  const fallback = (
    <pre className="editor-fallback" tabIndex={0} aria-label="Dockerfile (read-only while the editor loads)">
      {state.text}
    </pre>
  );

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#results"
        onClick={(e) => {
          // Move focus without touching the address: the hash belongs to share links and rule pages.
          e.preventDefault();
          document.getElementById("results")?.focus();
        }}
      >
        Skip to results
      </a>
      <Header
        onLoadExample={loadExample}
        onOpenIntro={openIntro}
        // SHARE SLOT: the share engineer's "Copy link" / "Copy as Markdown" buttons.
        shareActions={
          <Suspense fallback={SHARE_PLACEHOLDER}>
            <ShareButtons
              currentLink={permalink.currentLink}
              rulePageUrl={permalink.rulePageUrl}
              report={report}
              reportText={reportText}
              text={state.text}
            />
          </Suspense>
        }
      />
      {permalink.broken !== null && (
        <Suspense fallback={null}>
          <BrokenLinkNotice reason={permalink.broken} onDismiss={permalink.dismissBroken} />
        </Suspense>
      )}
      {(draft.notice || draft.storageError) && (
        <Suspense fallback={null}>
          <DraftNotice
            notice={draft.notice}
            storageError={draft.storageError}
            onRestore={draft.restoreDraft}
            onDismiss={draft.dismissNotice}
          />
        </Suspense>
      )}
      <main className="app-main">
        <section className="pane editor-pane" aria-labelledby="editor-heading">
          <h2 id="editor-heading" className="visually-hidden">
            Dockerfile
          </h2>
          {lesson && (
            <Suspense fallback={null}>
              <LessonBanner example={lesson} onDismiss={dismissLesson} />
            </Suspense>
          )}
          <div className="editor-host">
            <Suspense fallback={fallback}>
              <EditorPane
                value={state.text}
                onChange={onTextChange}
                theme={theme}
                report={report}
                reportText={reportText}
                onReady={onEditorReady}
                ariaLabel={`Dockerfile editor. ${EDITOR_HINT}`}
                fallback={fallback}
              />
            </Suspense>
          </div>
          <p className="editor-hint" id="editor-hint">
            <kbd>Ctrl</kbd>+<kbd>M</kbd> lets <kbd>Tab</kbd> leave the editor · <kbd>Ctrl</kbd>+<kbd>.</kbd> quick fix ·
            hover a <code>--mount</code> for its keys
          </p>
        </section>
        <section id="results" className="pane results-pane" aria-label="Results" tabIndex={-1}>
          <OptionsPanel
            platforms={platforms}
            buildPlatform={buildPlatform}
            buildArgs={buildArgs}
            target={target}
            report={table}
            dispatch={dispatch}
          />
          <div className="summary-row">
            <p className="summary" aria-live="polite">
              {report ? summaryLine(report) : "Analysing…"}
            </p>
            {pendingShown && report && (
              <span className="pending muted small" aria-hidden="true">
                updating…
              </span>
            )}
          </div>
          {analysis.error && (
            <p role="alert" className="error-banner">
              The analysis failed: {analysis.error}. The results below are from the last successful run.
            </p>
          )}
          {state.view.rule !== null ? (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <RuleView id={state.view.rule} onLoad={loadDocExample} onClose={closeRule} />
            </Suspense>
          ) : (
            <Tabs label="Result views" tabs={TABS} selected={state.view.tab} onSelect={selectTab}>
              {state.view.tab === "learn" && (
                <Suspense fallback={<p className="muted">Loading…</p>}>
                  <IntroView onLoad={loadExample} />
                </Suspense>
              )}
              {state.view.tab === "results" &&
                (table ? (
                  <div className="results" aria-busy={pendingShown}>
                    <ResultsTable
                      report={table}
                      selected={selected.automatic ? null : selected.cell}
                      onSelect={selectCell}
                      onReveal={revealMount}
                    />
                    {table.mounts.length > 0 && (
                      <Suspense fallback={<ExplainFallback />}>
                        <ExplainPanel report={table} cell={selected.cell} automatic={selected.automatic} />
                      </Suspense>
                    )}
                    {report && (
                      <Suspense fallback={null}>
                        <FindingsList report={report} current={!staleShown} onJump={jumpTo} onFix={applyFix} />
                      </Suspense>
                    )}
                  </div>
                ) : (
                  <p className="muted">Analysing…</p>
                ))}
              {state.view.tab === "fix" &&
                (report && reportText !== null ? (
                  <Suspense fallback={<p className="muted">Loading…</p>}>
                    <FixPanel
                      report={report}
                      text={reportText}
                      current={current && !analysis.pending}
                      fixStyle={state.fixStyle}
                      dispatch={dispatch}
                      theme={theme}
                      onApplyAll={applyAll}
                      onFix={applyFix}
                    />
                  </Suspense>
                ) : (
                  <p className="muted">Analysing…</p>
                ))}
            </Tabs>
          )}
        </section>
      </main>
      <Footer ms={analysis.ms} />
    </div>
  );
}

/** The explain panel's place while its chunk loads (same heading, so the page does not jump). */
function ExplainFallback() {
  return (
    <section className="explain" aria-labelledby="explain-heading">
      <h2 id="explain-heading">How the key was derived</h2>
    </section>
  );
}
