import { useEffect, useState } from "react";

/** A bad or good example from a rule's docs. */
export interface DocExample {
  readonly dockerfile: string;
  /** Settings the example is meant for (RuleExample.options), when the rule gives them. */
  readonly platforms: readonly string[] | null;
  readonly buildPlatform: string | null;
  readonly buildArgs: readonly { readonly key: string; readonly value: string }[] | null;
  readonly target: string | null;
  /** A caption, when the rule gives one. */
  readonly note: string | null;
}

/** What a rule page shows, read from the rule module itself (web/core/rules/<id>.ts) so docs cannot drift. */
export interface RuleDoc {
  readonly id: string;
  readonly severity: string;
  readonly summary: string;
  readonly why: string;
  readonly bad: readonly DocExample[];
  readonly good: readonly DocExample[];
  readonly fixSafety: string;
}

export type RuleDocs =
  | { readonly status: "loading" }
  | { readonly status: "missing" }
  | { readonly status: "ready"; readonly rules: readonly RuleDoc[] };

/**
 * The rules registry with docs (`DOCUMENTED_RULES` in web/core/rules/docs.ts) in its own lazy chunk:
 * it carries the rules' checks too, and only rule pages need it. The glob
 * matches nothing until that module exists, so the page degrades to "missing".
 */
const registry = import.meta.glob<{ readonly DOCUMENTED_RULES?: unknown }>("../../core/rules/docs.ts");

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function toExamples(v: unknown): DocExample[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out: DocExample[] = [];
  for (const item of list) {
    if (typeof item === "string") {
      out.push({ dockerfile: item, platforms: null, buildPlatform: null, buildArgs: null, target: null, note: null });
    } else if (item && typeof item === "object") {
      const o = item as Record<string, unknown>;
      const text = str(o.dockerfile) || str(o.text) || str(o.code);
      if (text === "") continue;
      // web/core/rules/types.ts RuleExample: { dockerfile, options: AnalyzeOptions }.
      const opts = (o.options && typeof o.options === "object" ? o.options : o) as Record<string, unknown>;
      const platforms = Array.isArray(opts.platforms)
        ? opts.platforms.filter((p): p is string => typeof p === "string")
        : null;
      const args =
        opts.buildArgs && typeof opts.buildArgs === "object" ? (opts.buildArgs as Record<string, unknown>) : null;
      out.push({
        dockerfile: text,
        platforms: platforms && platforms.length > 0 ? platforms : null,
        buildPlatform: str(opts.buildPlatform) || null,
        buildArgs: args
          ? Object.entries(args)
              .filter((e): e is [string, string] => typeof e[1] === "string")
              .map(([key, value]) => ({ key, value }))
          : null,
        target: str(opts.target) || null,
        note: str(o.note) || str(o.caption) || str(o.title) || null,
      });
    }
  }
  return out;
}

/** Reads one rule object defensively: the registry's shape is the rules engineer's to refine. */
export function toRuleDoc(rule: unknown): RuleDoc | null {
  if (!rule || typeof rule !== "object") return null;
  const r = rule as Record<string, unknown>;
  const id = str(r.id);
  if (id === "") return null;
  const docs = (r.docs && typeof r.docs === "object" ? r.docs : {}) as Record<string, unknown>;
  return {
    id,
    severity: str(r.severity),
    summary: str(r.summary),
    why: str(docs.why),
    bad: toExamples(docs.bad),
    good: toExamples(docs.good),
    fixSafety: str(r.fixSafety),
  };
}

let cache: Promise<RuleDocs> | null = null;

function load(): Promise<RuleDocs> {
  const importer = Object.values(registry)[0];
  if (!importer) return Promise.resolve({ status: "missing" });
  cache ??= importer().then(
    (mod): RuleDocs => {
      const exported: unknown = mod.DOCUMENTED_RULES;
      const list: unknown[] = Array.isArray(exported) ? exported : [];
      const rules = list.map(toRuleDoc).filter((r): r is RuleDoc => r !== null);
      return { status: "ready", rules };
    },
    (): RuleDocs => {
      cache = null;
      return { status: "missing" };
    },
  );
  return cache;
}

/** Loads the rule docs when `enabled` (a rule page or the rule list is on screen). */
export function useRuleDocs(enabled: boolean): RuleDocs {
  const [docs, setDocs] = useState<RuleDocs>({ status: "loading" });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void load().then((d) => {
      if (live) setDocs(d);
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return docs;
}
