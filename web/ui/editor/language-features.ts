/**
 * Monaco features fed by the latest Report: markers at the findings' exact
 * ranges, a hover on `--mount` flags listing the key per platform, and quick
 * fixes that apply a finding's own edits. Providers are registered once per
 * page (React StrictMode mounts twice; stack-notes.md §7 #5) and read `live`.
 */
import type { Finding, Report } from "../../core/report/types";
import type { Range } from "../../core/source";
import { groupCells, verdictWords } from "../lib/collisions";
import { code } from "../lib/markdown-code";
import { monaco } from "./monaco-setup";

type Model = monaco.editor.ITextModel;

/** What the providers answer from: the editor's model and the report computed from `text`. */
const live: { model: Model | null; report: Report | null; text: string | null } = {
  model: null,
  report: null,
  text: null,
};

const MARKER_OWNER = "cache-mount-playground";

export function toMonacoRange(r: Range): monaco.IRange {
  return {
    startLineNumber: r.startLine,
    startColumn: r.startColumn,
    endLineNumber: r.endLine,
    endColumn: r.endColumn,
  };
}

/** The report answers for this model only while the model still holds the analysed text. */
function currentReport(model: Model): Report | null {
  if (model !== live.model || live.report === null || model.getValue() !== live.text) return null;
  return live.report;
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function findingMarker(f: Finding): monaco.editor.IMarkerData {
  return {
    ...toMonacoRange(f.range),
    severity: SEVERITY[f.severity],
    message: f.message,
    code: f.ruleId,
    source: "BuildKit cache mounts",
  };
}

/**
 * Markers go to Monaco in blocks of this many (by position), each under an owner
 * of its own: a keystroke usually changes the markers of one block only, and
 * when all change (a line inserted near the top of a 10,000-line file), each
 * block is set in a task of its own, never one long task for 2,000 markers.
 */
const MARKERS_PER_BLOCK = 200;

/** The blocks Monaco holds, per model. */
const published = new WeakMap<Model, (readonly monaco.editor.IMarkerData[])[]>();
/** Bumped per report: a newer report stops the older one's remaining blocks. */
let generation = 0;

/**
 * Publishes a report: providers start answering from it (they read it when
 * asked; nothing is precomputed per report) and markers are replaced, block by
 * block, in tasks of their own. Call once per report, only when `text` is what
 * the model holds.
 */
export function publishReport(model: Model, report: Report, text: string): void {
  live.model = model;
  live.report = report;
  live.text = text;
  const markers = report.findings.map(findingMarker);
  // BuildKit's per-platform errors: mark them too, unless a finding already says the same thing there.
  for (const p of report.platforms) {
    if (!p.error || !p.errorRange) continue;
    const r = p.errorRange;
    const dup = report.findings.some(
      (f) => f.message === p.error && f.range.startLine === r.startLine && f.range.startColumn === r.startColumn,
    );
    if (!dup) {
      markers.push({
        ...toMonacoRange(r),
        severity: monaco.MarkerSeverity.Error,
        message: `${p.error} (${p.normalized ?? p.requested})`,
        source: "BuildKit",
      });
    }
  }
  markers.sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn);
  const blocks: (readonly monaco.editor.IMarkerData[])[] = [];
  for (let i = 0; i < markers.length; i += MARKERS_PER_BLOCK) blocks.push(markers.slice(i, i + MARKERS_PER_BLOCK));

  const held = published.get(model) ?? [];
  published.set(model, held);
  const changed: number[] = [];
  for (let i = 0; i < Math.max(blocks.length, held.length); i++) {
    if (!sameMarkers(held[i] ?? [], blocks[i] ?? [])) changed.push(i);
  }
  const run = ++generation;
  const step = (k: number) => {
    if (run !== generation || model.isDisposed()) return;
    const i = changed[k];
    if (i === undefined) return;
    const block = blocks[i] ?? [];
    monaco.editor.setModelMarkers(model, `${MARKER_OWNER}:${i}`, [...block]);
    held[i] = block;
    if (k + 1 < changed.length) setTimeout(() => step(k + 1), 0);
  };
  step(0);
}

function sameMarkers(a: readonly monaco.editor.IMarkerData[], b: readonly monaco.editor.IMarkerData[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.startLineNumber !== y.startLineNumber ||
      x.startColumn !== y.startColumn ||
      x.endLineNumber !== y.endLineNumber ||
      x.endColumn !== y.endColumn ||
      x.severity !== y.severity ||
      x.message !== y.message ||
      x.code !== y.code ||
      x.source !== y.source
    )
      return false;
  }
  return true;
}

export function forgetModel(model: Model): void {
  published.delete(model);
  if (live.model === model) {
    live.model = null;
    live.report = null;
    live.text = null;
  }
}

function contains(r: Range, line: number, column: number): boolean {
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && column < r.startColumn) return false;
  if (line === r.endLine && column > r.endColumn) return false;
  return true;
}

function intersects(r: Range, m: monaco.IRange): boolean {
  const before = r.endLine < m.startLineNumber || (r.endLine === m.startLineNumber && r.endColumn < m.startColumn);
  const after = r.startLine > m.endLineNumber || (r.startLine === m.endLineNumber && r.startColumn > m.endColumn);
  return !before && !after;
}

function hoverFor(report: Report, line: number, column: number): monaco.languages.Hover | null {
  const mount = report.mounts.find((m) => contains(m.range, line, column));
  if (!mount) return null;
  const groups = groupCells(report);
  const rows = mount.cells.map((cell) => {
    const p = report.platforms[cell.platformIndex];
    const platform = p ? (p.normalized ?? p.requested) : "?";
    if (!cell.built) return `| ${code(platform)} | not built | | |`;
    const group = groups.at(mount.index, cell.platformIndex);
    const note = group ? `${group.letter}: ${verdictWords(group.collision)}` : "";
    return `| ${code(platform)} | ${code(cell.cacheKey)} | ${code(cell.execPlatform)} | ${note.replace(/\|/g, "\\|")} |`;
  });
  const value = [
    `**Cache mount** at ${code(mount.writtenTarget)} (line ${mount.line})`,
    "",
    "| Platform | Cache key | Runs on | Shared |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
  return {
    range: toMonacoRange(mount.range),
    contents: [{ value, isTrusted: false, supportHtml: false }],
  };
}

let registered = false;

/** Registers the hover and quick-fix providers for the Dockerfile language (once). */
export function registerLanguageFeatures(): void {
  if (registered) return;
  registered = true;

  monaco.languages.registerHoverProvider("dockerfile", {
    provideHover(model, position) {
      const report = currentReport(model);
      return report ? hoverFor(report, position.lineNumber, position.column) : null;
    },
  });

  monaco.languages.registerCodeActionProvider(
    "dockerfile",
    {
      provideCodeActions(model, range, context) {
        const report = currentReport(model);
        const actions: monaco.languages.CodeAction[] = [];
        if (report) {
          for (const f of report.findings) {
            if (!f.fix || !intersects(f.range, range)) continue;
            const diagnostics = context.markers.filter(
              (m) =>
                m.code === f.ruleId && m.startLineNumber === f.range.startLine && m.startColumn === f.range.startColumn,
            );
            actions.push({
              title: f.fix.description,
              kind: "quickfix",
              diagnostics,
              isPreferred: f.fix.safety === "safe",
              edit: {
                edits: f.fix.edits.map((e) => {
                  const start = model.getPositionAt(e.start);
                  const end = model.getPositionAt(e.end);
                  return {
                    resource: model.uri,
                    versionId: model.getVersionId(),
                    textEdit: {
                      range: {
                        startLineNumber: start.lineNumber,
                        startColumn: start.column,
                        endLineNumber: end.lineNumber,
                        endColumn: end.column,
                      },
                      text: e.text,
                    },
                  };
                }),
              },
            });
          }
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ["quickfix"] },
  );
}
