import { lazy, Suspense, useCallback, useMemo, useRef } from "react";
import type { Finding, MountReport, TextEdit } from "../core/report/types";
import type { Range } from "../core/source";
import { type Example, findExample } from "../examples/index";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { LessonBanner } from "./components/LessonBanner";
import { Tabs } from "./components/Tabs";
import type { EditorApi } from "./editor/editor-api";
import { useAnalysis } from "./hooks/use-analysis";
import { useColorScheme } from "./hooks/use-color-scheme";
import { clearRuleHash } from "./hooks/use-hash-route";
import { useSharedPlayground } from "./hooks/use-permalink";
import { BrokenLinkNotice } from "../share/ui/BrokenLinkNotice";
import { DraftNotice } from "../share/ui/DraftNotice";
import { ShareButtons } from "../share/ui/ShareButtons";
import { useRuleDocs, type DocExample } from "./hooks/use-rule-docs";
import { mostInstructiveCell, summaryLine } from "./lib/collisions";
import { applyTextEdits, minimalEdit } from "./lib/text-edits";
import { IntroView } from "./pages/IntroView";
import { RulePage } from "./pages/RulePage";
import { ExplainPanel } from "./panels/ExplainPanel";
import { FindingsList } from "./panels/FindingsList";
import { FixPanel } from "./panels/FixPanel";
import { OptionsPanel } from "./panels/OptionsPanel";
import { ResultsTable } from "./panels/ResultsTable";
import { type CellRef, DEFAULT_STATE, exampleAction, type Tab, toAnalyzeOptions } from "./state";

// Monaco lives in this lazy chunk only: the table and findings render before it arrives.
const EditorPane = lazy(() => import("./editor/EditorPane"));

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
  const { state, dispatch, draft, permalink } = useSharedPlayground();

  const { platforms, buildPlatform, buildArgs, target, fixStyle } = state;
  const options = useMemo(
    () => toAnalyzeOptions({ ...DEFAULT_STATE, platforms, buildPlatform, buildArgs, target, fixStyle }),
    [platforms, buildPlatform, buildArgs, target, fixStyle],
  );
  const analysis = useAnalysis(state.text, options);
  const { report, reportText } = analysis;
  const current = report !== null && reportText === state.text;
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
  const onTextChange = useCallback((text: string) => dispatch({ type: "set-text", text }), [dispatch]);

  /** Applies edits computed for `reportText` as one undoable step (through Monaco when it is there). */
  const applyEdits = useCallback(
    (edits: readonly TextEdit[]) => {
      if (reportText === null || reportText !== state.text) return;
      if (editor.current?.applyEdits(reportText, edits)) return;
      dispatch({ type: "set-text", text: applyTextEdits(reportText, edits) });
    },
    [reportText, state.text, dispatch],
  );
  const applyFix = useCallback((f: Finding) => f.fix && applyEdits(f.fix.edits), [applyEdits]);
  const applyAll = useCallback(
    (fixed: string) => {
      const edit = reportText === null ? null : minimalEdit(reportText, fixed);
      if (edit) applyEdits([edit]);
    },
    [applyEdits, reportText],
  );
  const jumpTo = useCallback((f: Finding) => reveal(f.range, true), [reveal]);
  const revealMount = useCallback((m: MountReport) => reveal(m.range, false), [reveal]);

  // ── View ────────────────────────────────────────────────────────────────────
  const selectCell = useCallback(
    (cell: CellRef) => {
      dispatch({ type: "select-cell", cell });
      const m = report?.mounts[cell.mount];
      if (m) reveal(m.range, false);
    },
    [report, reveal, dispatch],
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

  const ruleDocs = useRuleDocs(state.view.rule !== null);
  const lesson = state.view.example ? findExample(state.view.example) : undefined;
  const selected = useMemo(() => {
    const c = state.view.cell;
    if (report && c && report.mounts[c.mount]?.cells[c.platformIndex]) return { cell: c, automatic: false };
    return { cell: report ? mostInstructiveCell(report) : null, automatic: true };
  }, [report, state.view.cell]);

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
        onOpenIntro={() => dispatch({ type: "set-tab", tab: "learn" })}
        // SHARE SLOT: the share engineer's "Copy link" / "Copy as Markdown" buttons.
        shareActions={
          <ShareButtons
            currentLink={permalink.currentLink}
            rulePageUrl={permalink.rulePageUrl}
            report={report}
            reportText={reportText}
            text={state.text}
          />
        }
      />
      <BrokenLinkNotice reason={permalink.broken} onDismiss={permalink.dismissBroken} />
      <DraftNotice
        notice={draft.notice}
        storageError={draft.storageError}
        onRestore={draft.restoreDraft}
        onDismiss={draft.dismissNotice}
      />
      <main className="app-main">
        <section className="pane editor-pane" aria-labelledby="editor-heading">
          <h2 id="editor-heading" className="visually-hidden">
            Dockerfile
          </h2>
          {lesson && <LessonBanner example={lesson} onDismiss={() => dispatch({ type: "dismiss-lesson" })} />}
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
          <OptionsPanel state={state} report={report} dispatch={dispatch} />
          <div className="summary-row">
            <p className="summary" aria-live="polite">
              {report ? summaryLine(report) : "Analysing…"}
            </p>
            {analysis.pending && report && (
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
            <RulePage id={state.view.rule} docs={ruleDocs} onLoad={loadDocExample} onClose={closeRule} />
          ) : (
            <Tabs
              label="Result views"
              tabs={TABS}
              selected={state.view.tab}
              onSelect={(tab) => dispatch({ type: "set-tab", tab })}
            >
              {state.view.tab === "learn" && <IntroView onLoad={loadExample} />}
              {state.view.tab === "results" &&
                (report ? (
                  <div className="results" aria-busy={analysis.pending}>
                    <ResultsTable
                      report={report}
                      selected={selected.automatic ? null : selected.cell}
                      onSelect={selectCell}
                      onReveal={revealMount}
                    />
                    {report.mounts.length > 0 && (
                      <ExplainPanel report={report} cell={selected.cell} automatic={selected.automatic} />
                    )}
                    <FindingsList report={report} current={current} onJump={jumpTo} onFix={applyFix} />
                  </div>
                ) : (
                  <p className="muted">Analysing…</p>
                ))}
              {state.view.tab === "fix" &&
                (report && reportText !== null ? (
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
