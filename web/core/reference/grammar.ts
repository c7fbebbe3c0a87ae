/**
 * The image reference grammar of distribution/reference v0.6.0 (regexp.go),
 * split at its fixed separators (`@`, the last `:` after the last `/`, each
 * `/`) so that every piece is checked by a small anchored regex built once.
 * Each piece regex is unambiguous, so matching stays linear in JS too.
 */

/** One path component: `[a-z0-9]+` runs joined by `.`, `_`, `__` or dashes. */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** domainAndPort: DNS-ish name (or `[ipv6]`) with an optional `:port`. */
const DOMAIN_AND_PORT =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;
/** anchoredIdentifierRegexp: a bare 64-hex image id. */
export const IDENTIFIER = /^[a-f0-9]{64}$/;

export interface ReferenceMatch {
  /** Registry host[:port], or "" when the name has none. */
  readonly domain: string;
  /** Repository path (remote name). */
  readonly path: string;
  readonly tag: string;
  readonly digest: string;
}

function isRemoteName(s: string): boolean {
  for (const component of s.split("/")) if (!PATH_COMPONENT.test(component)) return false;
  return true;
}

/**
 * ReferenceRegexp.FindStringSubmatch followed by anchoredNameRegexp's
 * domain/path split, or null when `s` is not a reference.
 */
export function matchReference(s: string): ReferenceMatch | null {
  let rest = s;
  let digest = "";
  const at = s.indexOf("@");
  if (at >= 0) {
    digest = s.slice(at + 1);
    rest = s.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  // Only a tag can follow the last `/`'s `:` (a port is always followed by `/`).
  let tag = "";
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  // The optional domain is tried first, as the greedy `(?:domain/)?` does.
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const domain = rest.slice(0, slash);
    const path = rest.slice(slash + 1);
    if (DOMAIN_AND_PORT.test(domain) && isRemoteName(path)) return { domain, path, tag, digest };
  }
  return isRemoteName(rest) ? { domain: "", path: rest, tag, digest } : null;
}
