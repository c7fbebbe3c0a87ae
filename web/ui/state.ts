/**
 * The playground's whole state in one typed value: what a share link encodes
 * (design.md "Share links": `d` text, `p` platforms, `b` build platform,
 * `a` build args, `t` target, `s` fix style, `v` view) and what a draft restores.
 *
 * Everything the user can change goes through `reducer`; the share hooks read
 * `AppState` and put a restored one back with `{ type: "replace", state }`.
 */
import type { AnalyzeOptions, FixStyle } from "../core/report/types";
import { DEFAULT_EXAMPLE, type Example, findExample } from "../examples/index";

/** One `--build-arg KEY=VALUE` row, as typed (rows may be empty or half-filled while editing). */
export interface BuildArgRow {
  readonly key: string;
  readonly value: string;
}

/** The results pane's tabs. */
export type Tab = "results" | "fix" | "learn";

/** A table cell: one cache mount on one requested platform. */
export interface CellRef {
  /** MountReport.index. */
  readonly mount: number;
  /** Index into Report.platforms. */
  readonly platformIndex: number;
}

export interface ViewState {
  /** The visible tab of the results pane. */
  readonly tab: Tab;
  /** The cell the explain panel shows; null = the most instructive one (first collision). */
  readonly cell: CellRef | null;
  /** Rule page shown instead of the results (`#rule/<id>`), or null. */
  readonly rule: string | null;
  /** Id of the gallery example last loaded (its lesson is shown), or null. */
  readonly example: string | null;
}

export interface AppState {
  /** The Dockerfile. */
  readonly text: string;
  /** Target platforms as typed (buildx syntax, one entry per comma-separated item). */
  readonly platforms: readonly string[];
  /** Build platform (the builder's worker), as typed. */
  readonly buildPlatform: string;
  /** `--build-arg` rows; `BUILDKIT_CACHE_MOUNT_NS` (the namespace field) lives here too. */
  readonly buildArgs: readonly BuildArgRow[];
  /** `--target` as typed; "" = the last stage (BuildKit's default). */
  readonly target: string;
  /** Style of the ids the fixer writes. */
  readonly fixStyle: FixStyle;
  readonly view: ViewState;
}

/** The build arg BuildKit reads the cache namespace from (buildkit-semantics.md §3). */
export const NAMESPACE_ARG = "BUILDKIT_CACHE_MOUNT_NS";

export const DEFAULT_BUILD_PLATFORM = "linux/amd64";

export const DEFAULT_VIEW: ViewState = { tab: "results", cell: null, rule: null, example: null };

export const DEFAULT_STATE: AppState = {
  text: DEFAULT_EXAMPLE.dockerfile,
  platforms: DEFAULT_EXAMPLE.platforms ?? ["linux/amd64", "linux/arm64"],
  buildPlatform: DEFAULT_BUILD_PLATFORM,
  buildArgs: [],
  target: "",
  fixStyle: "TARGETPLATFORM",
  view: DEFAULT_VIEW,
};

/** Settings an example or a pasted build command can carry (anything left out is reset to its default). */
export interface Preset {
  readonly text?: string;
  readonly platforms?: readonly string[];
  readonly buildPlatform?: string;
  readonly buildArgs?: readonly BuildArgRow[];
  readonly target?: string;
}

export type AppAction =
  /** Replace everything (share link restore, draft restore). */
  | { readonly type: "replace"; readonly state: AppState }
  | { readonly type: "set-text"; readonly text: string }
  | { readonly type: "set-platforms"; readonly platforms: readonly string[] }
  | { readonly type: "toggle-platform"; readonly platform: string }
  | { readonly type: "set-build-platform"; readonly buildPlatform: string }
  | { readonly type: "set-build-args"; readonly buildArgs: readonly BuildArgRow[] }
  | { readonly type: "set-namespace"; readonly namespace: string }
  | { readonly type: "set-target"; readonly target: string }
  | { readonly type: "set-fix-style"; readonly fixStyle: FixStyle }
  | { readonly type: "set-tab"; readonly tab: Tab }
  | { readonly type: "select-cell"; readonly cell: CellRef | null }
  | { readonly type: "open-rule"; readonly rule: string | null }
  /** Load a gallery example: text and options together, its lesson shown. */
  | { readonly type: "load-example"; readonly id: string; readonly preset: Preset }
  /** Load a Dockerfile from a rule page's bad/good example (options kept unless given). */
  | { readonly type: "load-snippet"; readonly preset: Preset }
  /** Options from a pasted `docker buildx build …` (text untouched, fields it lacks kept). */
  | { readonly type: "apply-build-command"; readonly preset: Preset }
  | { readonly type: "dismiss-lesson" };

export type AppDispatch = (action: AppAction) => void;

export function reducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case "replace":
      return action.state;
    case "set-text":
      return action.text === state.text ? state : { ...state, text: action.text };
    case "set-platforms":
      return { ...state, platforms: action.platforms, view: { ...state.view, cell: null } };
    case "toggle-platform": {
      const on = state.platforms.includes(action.platform);
      const platforms = on
        ? state.platforms.filter((p) => p !== action.platform)
        : [...state.platforms, action.platform];
      return { ...state, platforms, view: { ...state.view, cell: null } };
    }
    case "set-build-platform":
      return { ...state, buildPlatform: action.buildPlatform };
    case "set-build-args":
      return { ...state, buildArgs: action.buildArgs };
    case "set-namespace":
      return { ...state, buildArgs: withNamespace(state.buildArgs, action.namespace) };
    case "set-target":
      return { ...state, target: action.target, view: { ...state.view, cell: null } };
    case "set-fix-style":
      return { ...state, fixStyle: action.fixStyle };
    case "set-tab":
      return { ...state, view: { ...state.view, tab: action.tab, rule: null } };
    case "select-cell":
      return { ...state, view: { ...state.view, cell: action.cell } };
    case "open-rule":
      return { ...state, view: { ...state.view, rule: action.rule } };
    case "load-example":
      return {
        ...state,
        text: action.preset.text ?? state.text,
        platforms: action.preset.platforms ?? DEFAULT_STATE.platforms,
        buildPlatform: action.preset.buildPlatform ?? DEFAULT_BUILD_PLATFORM,
        buildArgs: action.preset.buildArgs ?? [],
        target: action.preset.target ?? "",
        view: { tab: "results", cell: null, rule: null, example: action.id },
      };
    case "load-snippet":
      return {
        ...state,
        text: action.preset.text ?? state.text,
        platforms: action.preset.platforms ?? state.platforms,
        buildPlatform: action.preset.buildPlatform ?? state.buildPlatform,
        buildArgs: action.preset.buildArgs ?? state.buildArgs,
        target: action.preset.target ?? "",
        view: { tab: "results", cell: null, rule: null, example: null },
      };
    case "apply-build-command":
      return {
        ...state,
        platforms: action.preset.platforms ?? state.platforms,
        buildPlatform: action.preset.buildPlatform ?? state.buildPlatform,
        buildArgs: action.preset.buildArgs ?? state.buildArgs,
        target: action.preset.target ?? state.target,
        view: { ...state.view, cell: null },
      };
    case "dismiss-lesson":
      return { ...state, view: { ...state.view, example: null } };
  }
}

/** The namespace field's value: the last `BUILDKIT_CACHE_MOUNT_NS` row (later build args win, as in BuildKit). */
export function namespaceOf(rows: readonly BuildArgRow[]): string {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row && row.key.trim() === NAMESPACE_ARG) return row.value;
  }
  return "";
}

/** Rows with the namespace set (an empty namespace removes the row: the default is ""). */
export function withNamespace(rows: readonly BuildArgRow[], namespace: string): readonly BuildArgRow[] {
  const others = rows.filter((r) => r.key.trim() !== NAMESPACE_ARG);
  return namespace === "" ? others : [...others, { key: NAMESPACE_ARG, value: namespace }];
}

/** What the worker analyses. Build the object once per state change (it is a hook dependency). */
export function toAnalyzeOptions(state: AppState): AnalyzeOptions {
  const buildArgs: Record<string, string> = {};
  for (const row of state.buildArgs) {
    const key = row.key.trim();
    if (key !== "") buildArgs[key] = row.value;
  }
  const target = state.target.trim();
  return {
    platforms: state.platforms.filter((p) => p.trim() !== ""),
    buildPlatform: state.buildPlatform.trim() === "" ? DEFAULT_BUILD_PLATFORM : state.buildPlatform.trim(),
    buildArgs,
    ...(target === "" ? {} : { target }),
    fixStyle: state.fixStyle,
  };
}

/**
 * Fills missing or ill-typed fields of restored data with the defaults, so a
 * share link or draft written by an older version still opens.
 */
export function withDefaults(partial: Partial<AppState>): AppState {
  const v: Partial<ViewState> = partial.view ?? {};
  const tab: Tab = v.tab === "fix" || v.tab === "learn" ? v.tab : "results";
  return {
    text: typeof partial.text === "string" ? partial.text : DEFAULT_STATE.text,
    platforms: Array.isArray(partial.platforms)
      ? partial.platforms.filter((p): p is string => typeof p === "string")
      : DEFAULT_STATE.platforms,
    buildPlatform: typeof partial.buildPlatform === "string" ? partial.buildPlatform : DEFAULT_BUILD_PLATFORM,
    buildArgs: Array.isArray(partial.buildArgs)
      ? partial.buildArgs.filter((r): r is BuildArgRow => typeof r?.key === "string" && typeof r?.value === "string")
      : [],
    target: typeof partial.target === "string" ? partial.target : "",
    fixStyle: isFixStyle(partial.fixStyle) ? partial.fixStyle : DEFAULT_STATE.fixStyle,
    view: {
      tab,
      cell:
        v.cell && Number.isInteger(v.cell.mount) && Number.isInteger(v.cell.platformIndex)
          ? { mount: v.cell.mount, platformIndex: v.cell.platformIndex }
          : null,
      rule: typeof v.rule === "string" ? v.rule : null,
      example: typeof v.example === "string" ? v.example : null,
    },
  };
}

export const FIX_STYLES: readonly FixStyle[] = ["TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"];

export function isFixStyle(value: unknown): value is FixStyle {
  return typeof value === "string" && (FIX_STYLES as readonly string[]).includes(value);
}

/** The action that loads a gallery example (also for `#example/<id>` links); null for an unknown id. */
export function exampleAction(example: Example | string): AppAction | null {
  const e = typeof example === "string" ? findExample(example) : example;
  if (!e) return null;
  return {
    type: "load-example",
    id: e.id,
    preset: {
      text: e.dockerfile,
      ...(e.platforms ? { platforms: e.platforms } : {}),
      ...(e.buildPlatform ? { buildPlatform: e.buildPlatform } : {}),
      ...(e.buildArgs ? { buildArgs: e.buildArgs } : {}),
      ...(e.target ? { target: e.target } : {}),
    },
  };
}
