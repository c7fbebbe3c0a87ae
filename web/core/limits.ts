/**
 * The one input limit the playground needs (robustness issue): how big a
 * Dockerfile it analyses. BuildKit itself has no size limit (only 64 KiB per
 * physical line, which parse/ reproduces); this one is ours, so the message
 * says so, names the limit and the size, and tells the user what to do.
 *
 * 1 MiB is what a share link holds (web/share/url-codec.ts MAX_DECODED_BYTES),
 * about 50 times the largest Dockerfile of the corpus; a 5 MB paste is a log
 * or a bundle pasted by mistake, and analysing it would keep the worker busy
 * for many seconds before telling the user anything useful.
 *
 * Used first thing in analyze() (web/core/analyze.ts):
 *   const limit = inputLimitError(text);
 *   if (limit !== null) return a Report with `limit` as every platform's error;
 */

/** Largest Dockerfile analysed, in UTF-8 bytes (the size on disk). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** UTF-8 length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The message for a Dockerfile over MAX_INPUT_BYTES, or null when it is within the limit. */
export function inputLimitError(text: string): string | null {
  // Cheap exits: a UTF-16 unit is 1 to 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_INPUT_BYTES) return null;
  if (text.length > MAX_INPUT_BYTES) return message(utf8Length(text));
  const bytes = utf8Length(text);
  return bytes > MAX_INPUT_BYTES ? message(bytes) : null;
}

function message(bytes: number): string {
  return (
    `This Dockerfile is ${formatMiB(bytes)} (${groupDigits(bytes)} bytes); the playground analyses at most 1 MiB, ` +
    "so it was not analysed. This is the playground's limit, not BuildKit's: it keeps the analysis fast. " +
    "Remove what is not part of the Dockerfile and try again."
  );
}

/** 5242880 → "5,242,880" (no Intl: the same text everywhere). */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
