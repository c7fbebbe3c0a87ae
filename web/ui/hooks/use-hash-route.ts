/**
 * `#rule/<id>` and `#example/<id>` links are opened by usePermalink (start-up and
 * hashchange). This only tidies the address when a rule page closes, so a
 * reload does not reopen it before the permalink is rewritten.
 */
const RULE = /^#rule\//;

/** Leaves a `#rule/…` address when the rule page closes, without adding a history entry. */
export function clearRuleHash(): void {
  if (RULE.test(window.location.hash)) {
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }
}
