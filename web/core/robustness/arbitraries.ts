/**
 * fast-check generators of hostile input for analyze(), for the property
 * tests next to this file and scripts/fuzz.ts only (nothing in the product
 * imports them). Deterministic given fast-check's seed.
 */
export { codeUnit, randomString, tokenSoup } from "./arb-text";
export { cleanDockerfile, dockerfile, hostileDockerfile } from "./arb-dockerfile";
export { mutate, mutatedCorpus, mutation, type Mutation } from "./arb-mutation";
export { analyzeOptions } from "./arb-options";
