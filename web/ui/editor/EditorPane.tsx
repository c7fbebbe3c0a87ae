import Editor, { type OnMount } from "@monaco-editor/react";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
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
  /** Shown (read-only) until Monaco is ready (read once, at mount). */
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

/** Texts the editor sent up that React may still pass back down (its state renders them late). */
const MAX_ECHOES = 16;

/**
 * The Monaco editor. Loaded lazily: never imported by the entry chunk.
 *
 * The model owns the text while the user types: `value` is not fed back into
 * Monaco (a text update renders at low priority, so `value` may lag a few
 * keystrokes behind; writing it back would undo them). Only a `value` the editor
 * never sent (an example, a link, a restored draft) is written into the model,
 * as one undoable edit.
 */
function EditorPane({ value, onChange, theme, report, reportText, onReady, ariaLabel, fallback }: EditorPaneProps) {
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  // What the model was created from, and what Monaco shows until then.
  const [initial] = useState(() => ({ value, fallback }));
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const echoes = useRef<string[]>([]);
  const syncing = useRef(false);

  const emit = useCallback((text: string) => {
    const list = echoes.current;
    if (list[list.length - 1] !== text) list.push(text);
    if (list.length > MAX_ECHOES) list.shift();
    onChangeRef.current(text);
  }, []);
  const handleChange = useCallback(
    (v: string | undefined) => {
      if (!syncing.current) emit(v ?? "");
    },
    [emit],
  );

  const onMount = useCallback<OnMount>((mounted) => {
    const e = mounted as unknown as CodeEditor;
    registerLanguageFeatures();
    window.__cmp = { monaco, editor: e };
    setEditor(e);
  }, []);

  useEffect(() => {
    if (!editor) return;
    onReady(makeApi(editor));
    const model = editor.getModel();
    return () => {
      onReady(null);
      if (model) forgetModel(model);
    };
  }, [editor, onReady]);

  // Keeps the model and `value` one text: typing echoes are skipped, outside changes written in.
  const created = useRef(true);
  useEffect(() => {
    if (!editor) return;
    const model = editor.getModel();
    if (!model) return;
    const list = echoes.current;
    if (value === model.getValue()) {
      // In step: whatever the editor sent before has been rendered or overtaken.
      list.length = 0;
      created.current = false;
      return;
    }
    const echo = list.indexOf(value);
    if (echo >= 0) {
      list.splice(0, echo + 1);
      return;
    }
    const first = created.current;
    created.current = false;
    // Not the text the model was created from (that one only differs by Monaco's line-ending normalization).
    if (!(first && value === initial.value)) {
      syncing.current = true;
      try {
        editor.pushUndoStop();
        editor.executeEdits("cache-mount-playground.set", [
          { range: model.getFullModelRange(), text: value, forceMoveMarkers: true },
        ]);
        editor.pushUndoStop();
      } finally {
        syncing.current = false;
      }
    }
    // Monaco normalizes mixed line endings; the analysed text must be the model's text.
    const modelText = model.getValue();
    if (modelText !== value) emit(modelText);
  }, [editor, value, initial, emit]);

  // Markers once per report (not per keystroke), and only for the text they were computed from. In a
  // task of their own: the table's update (the same commit) is painted first, Monaco's decorations after.
  useEffect(() => {
    if (!editor || !report || reportText === null) return;
    const timer = setTimeout(() => {
      const model = editor.getModel();
      // A report for older text would put markers in the wrong places; the next one will match.
      if (model && model.getValue() === reportText) publishReport(model, report, reportText);
    }, 0);
    return () => clearTimeout(timer);
  }, [editor, report, reportText]);

  const options = useMemo(
    (): monaco.editor.IStandaloneEditorConstructionOptions => ({
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
      // Finding the active guide scans the lines around the cursor on every render: ~15 ms per
      // keystroke in a 10,000-line file, for a highlight Dockerfiles hardly need.
      guides: { highlightActiveIndentation: false },
    }),
    [ariaLabel],
  );

  return (
    <Editor
      defaultValue={initial.value}
      language="dockerfile"
      theme={themeName(theme)}
      onChange={handleChange}
      onMount={onMount}
      loading={initial.fallback}
      options={options}
    />
  );
}

/** Re-renders only when its props change: a keystroke's text update never touches Monaco. */
export default memo(EditorPane);
