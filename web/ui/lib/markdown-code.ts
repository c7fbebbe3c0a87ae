/**
 * User text as a Markdown code span, safe inside a GFM table cell (Monaco hovers
 * render Markdown): the fence is longer than any backtick run in the text
 * (CommonMark code spans), and `|` is escaped so it cannot end the cell.
 */
export function code(text: string): string {
  const safe = text.replace(/\|/g, "\\|");
  let longest = 0;
  for (const run of safe.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  return `${fence}${pad}${safe}${pad}${fence}`;
}
