/**
 * `?embed`: a compact, read-only view for iframes in docs and blog posts — the
 * cache-key table, the findings and an "open in playground" link. It opens the
 * link in the address (never the visitor's draft) and stores nothing.
 *
 * The view's body is a lazy chunk (EmbedBody.tsx); the analysis has started
 * before it arrives (web/ui/analysis/early-start.ts).
 */
import { lazy, Suspense } from "react";
// Starts the first analysis as soon as the page's modules are evaluated.
import "../../ui/analysis/early-start";

export { embedStart, type EmbedStart, isEmbedMode } from "./embed-start";

const EmbedBody = lazy(() => import("./EmbedBody"));

export function EmbedView() {
  return (
    <Suspense fallback={<p className="muted">Analysing…</p>}>
      <EmbedBody />
    </Suspense>
  );
}
