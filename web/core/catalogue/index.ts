/** The cache-target catalogue (../shared/docs/cache-targets.md): data plus the matcher. */
export { CACHE_TOOLS, type CacheTool, type Concurrency } from "./entries";
export { matchCacheTarget, cleanPath, type MatchInput } from "./match";
