/**
 * distribution/reference v0.6.0 ParseNormalizedNamed (normalize.go) and
 * Parse (reference.go), with their exact error texts.
 */
import { goToLower } from "../expand/go-strings";
import { validateDigest } from "./digest";
import { IDENTIFIER, matchReference, type ReferenceMatch } from "./grammar";

const DEFAULT_DOMAIN = "docker.io";
const LEGACY_DEFAULT_DOMAIN = "index.docker.io";
const OFFICIAL_REPO_PREFIX = "library/";
const NAME_TOTAL_LENGTH_MAX = 255;

export type NamedResult =
  { readonly ok: true; readonly ref: ReferenceMatch } | { readonly ok: false; readonly error: string };

/** reference.Parse: a full reference, no normalization. */
export function parseReference(s: string): NamedResult {
  const ref = matchReference(s);
  if (ref === null) {
    if (s === "") return { ok: false, error: "repository name must have at least one component" };
    if (matchReference(goToLower(s)) !== null) return { ok: false, error: "repository name must be lowercase" };
    return { ok: false, error: "invalid reference format" };
  }
  if (ref.path.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  if (ref.digest !== "") {
    const error = validateDigest(ref.digest);
    if (error !== null) return { ok: false, error };
  }
  return { ok: true, ref };
}

/** normalize.go splitDockerDomain: `ubuntu` → docker.io + library/ubuntu. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf("/");
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === "localhost") [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  else if (maybeDomain.includes(".") || maybeDomain.includes(":")) [domain, remote] = [maybeDomain, maybeRemote];
  // Uppercase namespaces are not allowed, so an uppercase first element is a domain.
  else if (goToLower(maybeDomain) !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes("/")) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** ParseNormalizedNamed: a familiar name (`ubuntu:22.04`) to a full reference. */
export function parseNormalizedNamed(s: string): NamedResult {
  if (IDENTIFIER.test(s)) {
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(":");
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (goToLower(remote) !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  return parseReference(domain + "/" + remainder);
}

/** Reference.String(): `[domain/]path[:tag][@digest]`. */
export function referenceString(ref: ReferenceMatch): string {
  const name = ref.domain === "" ? ref.path : `${ref.domain}/${ref.path}`;
  return name + (ref.tag !== "" ? `:${ref.tag}` : "") + (ref.digest !== "" ? `@${ref.digest}` : "");
}

/** TagNameOnly: a name without tag or digest gets `:latest`. */
export function tagNameOnly(ref: ReferenceMatch): ReferenceMatch {
  return ref.tag === "" && ref.digest === "" ? { ...ref, tag: "latest" } : ref;
}

/** FamiliarString: Docker Hub's domain and `library/` dropped (`docker.io/library/ubuntu` → `ubuntu`). */
export function familiarString(ref: ReferenceMatch): string {
  if (ref.domain !== DEFAULT_DOMAIN) return referenceString(ref);
  let path = ref.path;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes("/")) path = rest;
  }
  return referenceString({ ...ref, domain: "", path });
}
