import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import type { Example } from "../../examples/index";

const loadItems = () => import("./ExampleItems");
/** A hover or focus only prefetches (opening the menu is what needs the items): its failure is no error of the page. */
const preloadItems = () => void loadItems().catch(() => undefined);
const ExampleItems = lazy(() => loadItems().then((m) => ({ default: m.ExampleItems })));

/**
 * A disclosure listing the gallery. Arrow keys move between examples, Escape
 * closes and returns focus to the button, a click outside closes.
 */
export function ExamplesMenu({ onLoad }: { readonly onLoad: (example: Example) => void }) {
  const [open, setOpen] = useState(false);
  // The items mount on first open and stay (hidden) afterwards.
  const [opened, setOpened] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>(".examples-list button")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      setOpen(false);
      button.current?.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>(".examples-list button") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[(at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length];
    next?.focus();
    event.preventDefault();
  };

  return (
    <div className="examples-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={id}
        onPointerEnter={preloadItems}
        onFocus={preloadItems}
        onClick={() => {
          setOpened(true);
          setOpen((o) => !o);
        }}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      <div id={id} className="examples-popup" hidden={!open}>
        {opened && (
          <Suspense fallback={<p className="muted small">Loading the examples…</p>}>
            <ExampleItems
              menuId={id}
              onPick={(example) => {
                setOpen(false);
                onLoad(example);
                button.current?.focus();
              }}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}
