import { DiffEditor, type DiffOnMount } from "@monaco-editor/react";
import { useCallback, useEffect, useRef } from "react";
import { type monaco, themeName } from "./monaco-setup";

export interface DiffPaneProps {
  readonly original: string;
  readonly modified: string;
  readonly theme: "light" | "dark";
  /** Side by side on wide screens, inline on phones. */
  readonly sideBySide: boolean;
  readonly fallback: React.ReactNode;
}

const ORIGINAL_LABEL = "Original Dockerfile (read-only)";
const MODIFIED_LABEL = "Fixed Dockerfile (read-only)";

/** Original vs fixed Dockerfile, read-only. Lazily loaded with Monaco. */
export default function DiffPane({ original, modified, theme, sideBySide, fallback }: DiffPaneProps) {
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);

  const onMount = useCallback<DiffOnMount>((mounted) => {
    const editor = mounted as unknown as monaco.editor.IStandaloneDiffEditor;
    editorRef.current = editor;
    // The construction options' originalAriaLabel / modifiedAriaLabel do not reach the inner
    // editors' edit contexts in Monaco 0.57 (axe flags unnamed inputs): set them on each side.
    editor.getOriginalEditor().updateOptions({ ariaLabel: ORIGINAL_LABEL });
    editor.getModifiedEditor().updateOptions({ ariaLabel: MODIFIED_LABEL });
  }, []);

  // @monaco-editor/react disposes the models before the widget lets go of them, which throws
  // ("TextModel got disposed before DiffEditorWidget model got reset"). We keep the models
  // (keepCurrent…Model below), detach them here, then dispose them ourselves. This parent
  // cleanup runs before the DiffEditor's own, which then only disposes the widget.
  useEffect(
    () => () => {
      const editor = editorRef.current;
      const models = editor?.getModel();
      editor?.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
      editorRef.current = null;
    },
    [],
  );

  return (
    <DiffEditor
      original={original}
      modified={modified}
      language="dockerfile"
      theme={themeName(theme)}
      loading={fallback}
      onMount={onMount}
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      options={{
        readOnly: true,
        originalEditable: false,
        renderSideBySide: sideBySide,
        useInlineViewWhenSpaceIsLimited: true,
        minimap: { enabled: false },
        fontSize: 13,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        renderOverviewRuler: false,
        originalAriaLabel: ORIGINAL_LABEL,
        modifiedAriaLabel: MODIFIED_LABEL,
      }}
    />
  );
}
