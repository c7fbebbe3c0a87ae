import Editor, { type OnMount } from "@monaco-editor/react";
import { useCallback } from "react";
import { monaco } from "./monaco-setup";

export interface EditorPaneProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly theme: "light" | "dark";
}

declare global {
  interface Window {
    /** Handles for browser tests (reading markers, setting text without dropped keystrokes). */
    __cmp?: { monaco: typeof monaco; editor: monaco.editor.IStandaloneCodeEditor };
  }
}

/** The Monaco editor. Loaded lazily: never imported by the entry chunk. */
export default function EditorPane({ value, onChange, theme }: EditorPaneProps) {
  const onMount = useCallback<OnMount>((editor) => {
    window.__cmp = { monaco, editor: editor as unknown as monaco.editor.IStandaloneCodeEditor };
  }, []);
  return (
    <Editor
      value={value}
      language="dockerfile"
      theme={theme === "dark" ? "vs-dark" : "vs"}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      loading={<pre className="editor-fallback">{value}</pre>}
      options={{
        ariaLabel: "Dockerfile editor. Press Escape then Tab, or Ctrl+M, to move focus out of the editor.",
        minimap: { enabled: false },
        glyphMargin: true,
        fontSize: 14,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabFocusMode: false,
        renderWhitespace: "selection",
      }}
    />
  );
}
