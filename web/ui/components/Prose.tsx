/**
 * Plain text with `code spans` marked by backticks (trace steps, lessons,
 * rule docs). Built from React text nodes only: user data is never parsed as HTML.
 */
export function Prose({ text }: { readonly text: string }) {
  const parts = text.split("`");
  if (parts.length % 2 === 0) {
    // An unpaired backtick is shown as written.
    const last = parts.pop() ?? "";
    parts[parts.length - 1] += "`" + last;
  }
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
