import { useEffect, useId, useRef, useState } from "react";
import { EXAMPLES, type Example } from "../../examples/index";
import { Prose } from "./Prose";

/**
 * A disclosure listing the gallery. Arrow keys move between examples, Escape
 * closes and returns focus to the button, a click outside closes.
 */
export function ExamplesMenu({ onLoad }: { readonly onLoad: (example: Example) => void }) {
  const [open, setOpen] = useState(false);
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
        onClick={() => setOpen((o) => !o)}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      <div id={id} className="examples-popup" hidden={!open}>
        <ul className="examples-list" aria-label="Examples">
          {EXAMPLES.map((example) => (
            <li key={example.id}>
              <button
                type="button"
                data-example-id={example.id}
                aria-labelledby={`${id}-${example.id}-title`}
                aria-describedby={`${id}-${example.id}-blurb`}
                onClick={() => {
                  setOpen(false);
                  onLoad(example);
                  button.current?.focus();
                }}
              >
                <span className="example-title" id={`${id}-${example.id}-title`}>
                  {example.title}
                </span>
                <span className="example-blurb" id={`${id}-${example.id}-blurb`}>
                  <Prose text={example.lesson[0]} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
