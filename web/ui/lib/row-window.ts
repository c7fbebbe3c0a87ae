/**
 * Which rows of a long table to render: the ones under the viewport, plus some
 * overscan on both sides. Pure arithmetic on one assumed row height, so that the
 * spacer above the rendered rows (start × rowPx) and the rows' positions agree.
 */

/** Rows [start, end) of the table body. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

export interface RowWindowInput {
  /** The table body's top edge relative to the viewport's (px; negative when scrolled past). */
  readonly top: number;
  /** The viewport's height (px). */
  readonly viewport: number;
  /** The assumed height of one row (px, > 0). */
  readonly rowPx: number;
  /** Rows in the table. */
  readonly total: number;
  /** Rows added beyond each edge. */
  readonly overscan: number;
  /** Rows rendered at least (from `start`), e.g. while the table is below the viewport. */
  readonly minimum: number;
}

export function visibleRows({ top, viewport, rowPx, total, overscan, minimum }: RowWindowInput): RowWindow {
  const px = rowPx > 0 ? rowPx : 1;
  // The viewport in the body's coordinates, clamped to the body.
  const from = Math.min(Math.max(0, -top), total * px);
  const to = Math.min(Math.max(0, viewport - top), total * px);
  let start = Math.max(0, Math.floor(from / px) - overscan);
  let end = Math.min(total, Math.ceil(to / px) + overscan);
  if (end - start < minimum) {
    end = Math.min(total, start + minimum);
    start = Math.max(0, end - minimum);
  }
  return { start, end };
}
