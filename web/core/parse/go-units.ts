/**
 * github.com/docker/go-units RAMInBytes (tmpfs `size=`): a number, optional
 * space, optional k/m/g/t/p (binary multiples) with optional `b`/`ib`.
 */
import { parseGoFloat } from "./go-strconv";

const BINARY: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** The size in bytes, or null where go-units returns an error. */
export function ramInBytes(sizeStr: string): number | null {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ("01234567890. ".includes(sizeStr[i] ?? "")) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return null;
  const num = sizeStr[sep] !== " " ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  let size = parseGoFloat(num);
  if (size === null || !(size >= 0)) return null;
  if (sfx.length === 0) return Math.trunc(size);
  if (sfx.length > 3) return null;
  sfx = sfx.toLowerCase();
  if (sfx[0] === "b") return sfx.length > 1 ? null : Math.trunc(size);
  const mul = BINARY[sfx[0] ?? ""];
  if (mul === undefined) return null;
  size *= mul;
  if (sfx.length === 2 && sfx[1] !== "b") return null;
  if (sfx.length === 3 && sfx.slice(1) !== "ib") return null;
  return Math.trunc(size);
}
