/** Which BuildKit behaviour is reproduced (buildkit-semantics.md scope line). */
export const BUILDKIT_RANGE = "BuildKit v0.24.0 – current (Dockerfile frontend 1.18+)";

export function Footer({ ms }: { readonly ms: number | null }) {
  return (
    <footer className="app-footer">
      <p>
        Reproduces the cache-mount behaviour of <strong>{BUILDKIT_RANGE}</strong>. Everything runs in your browser:
        nothing you type leaves the page.
        {ms !== null && <span className="muted"> Last analysis: {ms < 1 ? "<1" : Math.round(ms)} ms.</span>}
      </p>
    </footer>
  );
}
