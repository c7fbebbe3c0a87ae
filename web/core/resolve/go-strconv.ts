/**
 * Go's strconv.Atoi as `COPY --from` uses it (convert.go toCommand): optional
 * sign and decimal digits within int64; anything else is a stage name.
 * Returns the value as Go prints it with %d (exact, even past 2^53).
 */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function parseGoAtoi(s: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? null : n;
}
