import { useEffect, useRef } from "react";
import type { Severity } from "../../core/report/types";
import { Prose } from "../components/Prose";
import { SeverityIcon } from "../components/SeverityIcon";
import type { DocExample, RuleDoc, RuleDocs } from "../hooks/use-rule-docs";

export interface RulePageProps {
  readonly id: string;
  readonly docs: RuleDocs;
  readonly onLoad: (example: DocExample) => void;
  readonly onClose: () => void;
}

const isSeverity = (s: string): s is Severity => s === "error" || s === "warning" || s === "info";

const FIX_WORDS: Record<string, string> = {
  safe: "Fix: applied by “Apply to editor” (safe)",
  suggested: "Fix: offered, never automatic (suggested)",
  unsafe: "Fix: offered, never automatic",
  none: "No automatic fix",
};

/** `#rule/<id>`: why, bad and good examples (loadable), rendered from the rule's own docs. */
export function RulePage({ id, docs, onLoad, onClose }: RulePageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  const rule = docs.status === "ready" ? docs.rules.find((r) => r.id === id) : undefined;

  return (
    <article className="rule-page" aria-labelledby="rule-title">
      <button type="button" className="button small" onClick={onClose}>
        <span aria-hidden="true">←</span> Back to results
      </button>
      <h2 id="rule-title" ref={heading} tabIndex={-1}>
        Rule <code>{id}</code>
      </h2>
      {docs.status === "loading" && <p className="muted">Loading the rule's documentation…</p>}
      {docs.status === "missing" && <p>The rule documentation is not part of this build yet.</p>}
      {docs.status === "ready" && !rule && <UnknownRule id={id} rules={docs.rules} />}
      {rule && <RuleBody rule={rule} onLoad={onLoad} />}
    </article>
  );
}

function RuleBody({ rule, onLoad }: { readonly rule: RuleDoc; readonly onLoad: (e: DocExample) => void }) {
  return (
    <>
      <p className="rule-meta">
        {isSeverity(rule.severity) && (
          <span className="severity">
            <SeverityIcon severity={rule.severity} />
            {rule.severity}
          </span>
        )}
        {rule.fixSafety && <span className="muted"> · {FIX_WORDS[rule.fixSafety] ?? `Fix: ${rule.fixSafety}`}</span>}
      </p>
      {rule.summary && (
        <p className="rule-summary">
          <Prose text={rule.summary} />
        </p>
      )}
      {rule.why && (
        <section aria-labelledby="rule-why">
          <h3 id="rule-why">Why</h3>
          {rule.why
            .split(/\n\s*\n/)
            .filter((p) => p.trim() !== "")
            .map((p, i) => (
              <p key={i}>
                <Prose text={p.trim()} />
              </p>
            ))}
        </section>
      )}
      <DocExamples kind="bad" examples={rule.bad} onLoad={onLoad} />
      <DocExamples kind="good" examples={rule.good} onLoad={onLoad} />
    </>
  );
}

function DocExamples({
  kind,
  examples,
  onLoad,
}: {
  readonly kind: "bad" | "good";
  readonly examples: readonly DocExample[];
  readonly onLoad: (e: DocExample) => void;
}) {
  if (examples.length === 0) return null;
  const title = kind === "bad" ? "Bad" : "Good";
  return (
    <section aria-labelledby={`rule-${kind}`} className={`doc-examples doc-${kind}`}>
      <h3 id={`rule-${kind}`}>{title}</h3>
      {examples.map((example, i) => (
        <figure key={i}>
          {example.note && (
            <figcaption>
              <Prose text={example.note} />
            </figcaption>
          )}
          <pre
            className="doc-code"
            tabIndex={0}
            aria-label={`${title} example${examples.length > 1 ? ` ${i + 1}` : ""}`}
          >
            <code>{example.dockerfile}</code>
          </pre>
          {example.platforms && <p className="muted small">Platforms: {example.platforms.join(", ")}</p>}
          <button type="button" className="button small" onClick={() => onLoad(example)}>
            Load the {kind} example{examples.length > 1 ? ` ${i + 1}` : ""} into the editor
          </button>
        </figure>
      ))}
    </section>
  );
}

function UnknownRule({ id, rules }: { readonly id: string; readonly rules: readonly RuleDoc[] }) {
  return (
    <>
      <p>
        There is no rule named <code>{id}</code>. The rules are:
      </p>
      <RuleList rules={rules} />
    </>
  );
}

export function RuleList({ rules }: { readonly rules: readonly RuleDoc[] }) {
  return (
    <ul className="rule-list">
      {rules.map((r) => (
        <li key={r.id}>
          <a href={`#rule/${r.id}`} className="mono">
            {r.id}
          </a>
          {r.summary && (
            <>
              {" — "}
              <Prose text={r.summary} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
