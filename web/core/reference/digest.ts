/** opencontainers/go-digest Digest.Validate, for the algorithms BuildKit links in. */

const DIGEST_ANCHORED = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const LOWER_HEX = /^[a-f0-9]+$/;
/** Hex length of each available algorithm (crypto.Hash Size × 2). */
const HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ["sha256", 64],
  ["sha384", 96],
  ["sha512", 128],
]);

/** null when valid, else go-digest's error text. */
export function validateDigest(d: string): string | null {
  const i = d.indexOf(":");
  if (i <= 0 || i + 1 === d.length) return "invalid checksum digest format";
  const length = HEX_LENGTH.get(d.slice(0, i));
  if (length === undefined) {
    return DIGEST_ANCHORED.test(d) ? "unsupported digest algorithm" : "invalid checksum digest format";
  }
  const encoded = d.slice(i + 1);
  if (encoded.length !== length) return "invalid checksum digest length";
  return LOWER_HEX.test(encoded) ? null : "invalid checksum digest format";
}
