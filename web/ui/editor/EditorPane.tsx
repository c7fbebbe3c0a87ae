import Editor, { type OnMount } from "@monaco-editor/react";
import { useCallback, useEffect, useState } from "react";
import type { Report } from "../../core/report/types";
import type { EditorApi } from "./editor-api";
import { forgetModel, publishReport, registerLanguageFeatures, toMonacoRange } from "./language-features";
import { monaco, themeName } from "./monaco-setup";

export interface EditorPaneProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly theme: "light" | "dark";
  /** The latest report and the text it was computed from (markers and providers use it only while they match). */
  readonly report: Report | null;
  readonly reportText: string | null;
  /** Receives the editor's API once mounted, and null when it goes away. */
  readonly onReady: (api: EditorApi | null) => void;
  /** Accessible name, including how to leave the editor with the keyboard. */
  readonly ariaLabel: string;
  /** Shown (read-only) until Monaco is ready. */
  readonly fallback: React.ReactNode;
}

declare global {
  interface Window {
    /** Handles for browser tests (reading markers, setting text without dropped keystrokes). */
    __cmp?: { monaco: typeof monaco; editor: monaco.editor.IStandaloneCodeEditor };
  }
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

const FLASH_MS = 1500;

function makeApi(editor: CodeEditor): EditorApi {
  const flash = editor.createDecorationsCollection();
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    reveal(range, { focus }) {
      const r = toMonacoRange(range);
      editor.setPosition({ lineNumber: r.startLineNumber, column: r.startColumn });
      editor.revealRangeInCenterIfOutsideViewport(r, monaco.editor.ScrollType.Smooth);
      flash.set([
        {
          range: new monaco.Range(r.startLineNumber, 1, r.endLineNumber, 1),
          options: { isWholeLine: true, className: "editor-reveal-flash" },
        },
      ]);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => flash.clear(), FLASH_MS);
      if (focus) editor.focus();
    },
    applyEdits(baseText, edits) {
      const model = editor.getModel();
      if (!model || model.getValue() !== baseText) return false;
      const operations = edits.map((e) => {
        const start = model.getPositionAt(e.start);
        const end = model.getPositionAt(e.end);
        return {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          text: e.text,
        };
      });
      // Undo stops on both sides: one Ctrl+Z reverts exactly this fix.
      editor.pushUndoStop();
      editor.executeEdits("cache-mount-playground.fix", operations);
      editor.pushUndoStop();
      return true;
    },
    focus() {
      editor.focus();
    },
  };
}

/** The Monaco editor. Loaded lazily: never imported by the entry chunk. */
export default function EditorPane({
  value,
  onChange,
  theme,
  report,
  reportText,
  onReady,
  ariaLabel,
  fallback,
}: EditorPaneProps) {
  const [editor, setEditor] = useState<CodeEditor | null>(null);

  const onMount = useCallback<OnMount>(
    (mounted) => {
      const e = mounted as unknown as CodeEditor;
      registerLanguageFeatures();
      window.__cmp = { monaco, editor: e };
      // Monaco normalizes mixed line endings; the analysed text must be the model's text.
      const modelText = e.getValue();
      if (modelText !== value) onChange(modelText);
      setEditor(e);
    },
    // `value` is only read at mount time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onChange],
  );

  useEffect(() => {
    if (!editor) return;
    onReady(makeApi(editor));
    const model = editor.getModel();
    return () => {
      onReady(null);
      if (model) forgetModel(model);
    };
  }, [editor, onReady]);

  useEffect(() => {
    if (!editor || !report || reportText === null) return;
    const model = editor.getModel();
    // A report for older text would put markers in the wrong places; the next one will match.
    if (model && model.getValue() === reportText) publishReport(model, report, reportText);
  }, [editor, report, reportText]);

  return (
    <Editor
      value={value}
      language="dockerfile"
      theme={themeName(theme)}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      loading={fallback}
      options={{
        ariaLabel,
        minimap: { enabled: false },
        glyphMargin: true,
        lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.On },
        fixedOverflowWidgets: true,
        fontSize: 14,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabFocusMode: false,
        renderWhitespace: "selection",
        padding: { top: 8, bottom: 8 },
      }}
    />
  );
}
