export interface BrokenLinkNoticeProps {
  /** usePermalink().broken */
  readonly reason: string | null;
  readonly onDismiss: () => void;
}

/** Says in plain words why the link in the address did not open; the app keeps working on the draft. */
export function BrokenLinkNotice({ reason, onDismiss }: BrokenLinkNoticeProps) {
  if (reason === null) return null;
  return (
    <div role="alert" className="error-banner broken-link">
      <p>
        <strong>This link could not be opened.</strong> {reason}
      </p>
      <p>Your draft is open instead and nothing in it was changed.</p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
