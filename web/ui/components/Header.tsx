import type { ReactNode } from "react";
import type { Example } from "../../examples/index";
import { ExamplesMenu } from "./ExamplesMenu";

export interface HeaderProps {
  readonly onLoadExample: (example: Example) => void;
  readonly onOpenIntro: () => void;
  /**
   * SHARE SLOT: the share engineer's "Copy link" / "Copy as Markdown" buttons.
   * Rendered at the right end of the header, inside a labelled group.
   */
  readonly shareActions?: ReactNode;
}

export function Header({ onLoadExample, onOpenIntro, shareActions }: HeaderProps) {
  return (
    <header className="app-header">
      <h1 className="app-title">
        <svg className="logo" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="1" y="3" width="14" height="4" rx="1" />
          <rect x="1" y="9" width="6" height="4" rx="1" />
          <rect x="9" y="9" width="6" height="4" rx="1" />
        </svg>
        Cache Mount Playground
      </h1>
      <nav className="header-nav" aria-label="Playground">
        <ExamplesMenu onLoad={onLoadExample} />
        <button type="button" className="button link-like" onClick={onOpenIntro}>
          What is this?
        </button>
      </nav>
      <div className="share-actions" role="group" aria-label="Share">
        {shareActions}
      </div>
    </header>
  );
}
