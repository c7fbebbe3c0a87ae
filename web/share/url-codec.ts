/**
 * The share-link codec: pure, synchronous, versioned, and it never throws.
 *
 *   #v1=<base64url(deflate-raw(UTF-8 JSON))>   the whole playground state
 *   #rule/<id>                                 a rule page
 *   #example/<id>                              a gallery example
 *
 * The v1 JSON holds only fields that differ from the frozen V1_DEFAULTS:
 * `d` Dockerfile, `p` platforms, `b` build platform, `a` build args, `t` target,
 * `s` fix style, `v` view (`t` tab, `c` [mount, platform] cell, `r` rule page).
 * Raw DEFLATE + base64url is 31–37 % shorter than lz-string from medium files up
 * (stack-notes.md §6); fflate keeps it synchronous and identical in Node and browsers.
 *
 * Every link ever produced must keep opening: e2e/fixtures/links-v1.json pins them.
 *
 * Decoding (url-decode.ts) and encoding (url-encode.ts) are separate modules so
 * that the page can load the encoder after the first table; this module is the
 * whole codec, for the CLI, the encoder worker and tests.
 */
export * from "./url-decode";
export * from "./url-encode";
