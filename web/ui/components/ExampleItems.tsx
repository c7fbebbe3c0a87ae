import type { Example } from "../../examples/index";
import { EXAMPLES } from "../../examples/index";
import { LESSONS } from "../../examples/lessons";
import { Prose } from "./Prose";

/**
 * The examples menu's items, each with the first sentence of its lesson. A
 * lazy chunk (the lessons are not needed for the first table); ExamplesMenu
 * starts loading it when the pointer or focus reaches its button.
 */
export function ExampleItems({
  menuId,
  onPick,
}: {
  readonly menuId: string;
  readonly onPick: (example: Example) => void;
}) {
  return (
    <ul className="examples-list" aria-label="Examples">
      {EXAMPLES.map((example, i) => (
        <li key={example.id}>
          <button
            type="button"
            data-example-id={example.id}
            aria-labelledby={`${menuId}-${example.id}-title`}
            aria-describedby={`${menuId}-${example.id}-blurb`}
            // Opened before this chunk arrived: the menu's own focus call found nothing yet.
            autoFocus={i === 0}
            onClick={() => onPick(example)}
          >
            <span className="example-title" id={`${menuId}-${example.id}-title`}>
              {example.title}
            </span>
            <span className="example-blurb" id={`${menuId}-${example.id}-blurb`}>
              <Prose text={LESSONS[example.id]?.[0] ?? ""} />
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
