import type { Severity } from "../../core/report/types";

/** Shape differs per severity (never colour alone); the word is always shown beside it. */
export function SeverityIcon({ severity }: { readonly severity: Severity }) {
  return (
    <svg
      className={`sev-icon sev-${severity}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {severity === "error" && (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" className="glyph" />
        </>
      )}
      {severity === "warning" && (
        <>
          <path d="M8 1.5L15 14.5H1z" />
          <path d="M8 6v4M8 11.8v.4" className="glyph" />
        </>
      )}
      {severity === "info" && (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M8 7v4.5M8 4.3v.4" className="glyph" />
        </>
      )}
    </svg>
  );
}
