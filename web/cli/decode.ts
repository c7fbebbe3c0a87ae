/**
 * Bytes → text for the analysis. Any content is accepted (binary, NUL bytes,
 * invalid UTF-8): malformed sequences become U+FFFD, as BuildKit's own
 * byte-wise scanning never fails on them either. The BOM is kept so that
 * offsets, fixes and `--write` see exactly the file's characters.
 */
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface Decoded {
  readonly text: string;
  /** True when the bytes were valid UTF-8, so encoding `text` gives them back exactly. */
  readonly lossless: boolean;
}

export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes), lossless: true };
  } catch {
    return { text: lenient.decode(bytes), lossless: false };
  }
}
