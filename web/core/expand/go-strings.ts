/** Go's %q and strings.ToLower live in util/go-text.ts; the expander's modules import them from here. */
export { goQuote, goToLower } from "../util/go-text";
