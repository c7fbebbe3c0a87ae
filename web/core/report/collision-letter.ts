/**
 * The letter a collision group goes by (A, B, … Z, AA, AB …): the playground's
 * table and the Markdown export name groups alike, so a comment quoting one
 * matches what the link shows.
 */
export function collisionLetter(index: number): string {
  let s = "";
  let n = index;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
