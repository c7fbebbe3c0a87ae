import { memo, useEffect, useRef, useState } from "react";
import type * as FormatMarkdown from "../../core/report/format-markdown";
import type { Report } from "../../core/report/types";
import { copyText } from "../../ui/lib/clipboard";

/**
 * The Markdown formatter loads on demand (first hover, focus or click of its
 * button): it is not needed for the first table, so it stays out of the entry chunk.
 */
let markdownModule: Promise<typeof FormatMarkdown> | null = null;
function loadMarkdown() {
  markdownModule ??= import("../../core/report/format-markdown").catch((error: unknown) => {
    markdownModule = null; // offline for a moment: the next click tries again
    throw error;
  });
  return markdownModule;
}
const preloadMarkdown = () => void loadMarkdown().catch(() => undefined);

export interface ShareButtonsProps {
  /** usePermalink().currentLink: the permalink of the current state, or why there is none. */
  readonly currentLink: () => Promise<
    { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string }
  >;
  /** usePermalink().rulePageUrl. */
  readonly rulePageUrl: (id: string) => string;
  /** The latest report and the text it was computed from (useAnalysis().report / .reportText). */
  readonly report: Report | null;
  readonly reportText: string | null;
  /** The editor's current text: Markdown is offered only when the report is for it. */
  readonly text: string;
}

type Status = { readonly tone: "ok" | "error"; readonly message: string; readonly manual?: string } | null;

const CONFIRM_MS = 2500;

/** "Copy link" and "Copy as Markdown", with a visible (and announced) confirmation. */
export const ShareButtons = memo(function ShareButtons({
  currentLink,
  rulePageUrl,
  report,
  reportText,
  text,
}: ShareButtonsProps) {
  const [status, setStatus] = useState<Status>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const show = (next: Status) => {
    setStatus(next);
    if (timer.current) clearTimeout(timer.current);
    // Failures stay until the next action: the user may need the text shown.
    if (next?.tone === "ok") timer.current = setTimeout(() => setStatus(null), CONFIRM_MS);
  };

  const copy = async (value: string, what: string) => {
    const ok = await copyText(value);
    show(
      ok
        ? { tone: "ok", message: `${what} copied` }
        : {
            tone: "error",
            message: `Could not copy the ${what.toLowerCase()}: select it below and copy it.`,
            manual: value,
          },
    );
  };

  const onCopyLink = async () => {
    const link = await currentLink();
    if (!link.ok) return show({ tone: "error", message: link.reason });
    void copy(link.url, "Link");
  };

  const ready = report !== null && reportText === text;
  const onCopyMarkdown = async () => {
    if (!report || reportText === null) return;
    const link = await currentLink();
    let markdown: string;
    try {
      const { formatMarkdown } = await loadMarkdown();
      markdown = formatMarkdown(report, { text: reportText, link: link.ok ? link.url : null, rulePageUrl });
    } catch {
      show({ tone: "error", message: "Could not load the Markdown export: check the connection and try again." });
      return;
    }
    await copy(markdown, "Markdown");
  };

  return (
    <div className="share-buttons">
      <button type="button" onClick={() => void onCopyLink()}>
        Copy link
      </button>
      <button
        type="button"
        onClick={() => void onCopyMarkdown()}
        onPointerEnter={preloadMarkdown}
        onFocus={preloadMarkdown}
        disabled={!ready}
        title={ready ? "A report for a GitHub issue comment" : "Waiting for the analysis of the current text"}
      >
        Copy as Markdown
      </button>
      <span role="status" className={status?.tone === "error" ? "share-status error" : "share-status"}>
        {status?.message ?? ""}
      </span>
      {status?.manual !== undefined && (
        <textarea
          className="share-manual"
          aria-label="Text to copy"
          readOnly
          value={status.manual}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </div>
  );
});
