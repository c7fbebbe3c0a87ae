import type { DraftNotice as Notice } from "../../ui/hooks/use-draft";

export interface DraftNoticeProps {
  /** useDraft().notice */
  readonly notice: Notice | null;
  /** useDraft().storageError */
  readonly storageError: string | null;
  readonly onRestore: () => void;
  readonly onDismiss: () => void;
}

function when(savedAt: number | null): string {
  if (savedAt === null) return "";
  const d = new Date(savedAt);
  return ` (saved ${d.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })})`;
}

/** Offers the draft a share link or an example displaced; says when drafts cannot be saved. */
export function DraftNotice({ notice, storageError, onRestore, onDismiss }: DraftNoticeProps) {
  if (!notice && !storageError) return null;
  return (
    <div className="draft-notice" role="region" aria-label="Your draft">
      {notice && (
        <p>
          {notice.kind === "link-opened"
            ? `You opened a shared link, so its Dockerfile is shown. Your own draft${when(notice.draft.savedAt)} is kept.`
            : "The example replaced your Dockerfile. Your previous Dockerfile is kept."}{" "}
          <button type="button" onClick={onRestore}>
            Restore your draft
          </button>{" "}
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </p>
      )}
      {storageError && <p className="muted">{storageError}</p>}
    </div>
  );
}
