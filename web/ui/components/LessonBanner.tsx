import type { Example } from "../../examples/index";
import { LESSONS } from "../../examples/lessons";
import { Prose } from "./Prose";

/** The loaded example's two-line lesson, above the editor (a lazy chunk: see examples/lessons.ts). */
export function LessonBanner({ example, onDismiss }: { readonly example: Example; readonly onDismiss: () => void }) {
  const lesson = LESSONS[example.id];
  if (lesson === undefined) return null;
  return (
    <aside className="lesson" aria-labelledby="lesson-title">
      <div>
        <h2 id="lesson-title" className="lesson-title">
          Lesson: {example.title}
        </h2>
        <p>
          <Prose text={lesson[0]} />
        </p>
        <p>
          <Prose text={lesson[1]} />
        </p>
      </div>
      <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss the lesson">
        <span aria-hidden="true">×</span>
      </button>
    </aside>
  );
}
