import { lazy, Suspense, useMemo, useState } from "react";
import type { AnalyzeOptions } from "../core/report/types";
import { DEFAULT_DOCKERFILE, DEFAULT_PLATFORMS } from "../examples/default";
import { useAnalysis } from "./hooks/use-analysis";
import { useColorScheme } from "./hooks/use-color-scheme";
import { ResultsTable } from "./panels/ResultsTable";

const EditorPane = lazy(() => import("./editor/EditorPane"));

export function App() {
  const [text, setText] = useState(DEFAULT_DOCKERFILE);
  const [platforms] = useState<readonly string[]>(DEFAULT_PLATFORMS);
  const options = useMemo<AnalyzeOptions>(() => ({ platforms, buildPlatform: "linux/amd64" }), [platforms]);
  const analysis = useAnalysis(text, options);
  const theme = useColorScheme();

  return (
    <div className="app">
      <header className="app-header">
        <h1>Cache Mount Playground</h1>
      </header>
      <main className="app-main">
        <section className="pane editor-pane" aria-label="Dockerfile">
          <Suspense fallback={<pre className="editor-fallback">{text}</pre>}>
            <EditorPane value={text} onChange={setText} theme={theme} />
          </Suspense>
        </section>
        <section className="pane results-pane" aria-label="Results">
          {analysis.error && (
            <p role="alert" className="error-banner">
              {analysis.error}
            </p>
          )}
          {analysis.report ? <ResultsTable report={analysis.report} /> : <p>Analysing…</p>}
        </section>
      </main>
    </div>
  );
}
