/**
 * What a rule wants changed, before it becomes text. Rules describe intents;
 * plan.ts turns a set of intents into minimal text edits, composing the ones
 * that touch the same mount (a prefix from one rule and a suffix from another
 * make one id) and the ARG lines of one stage (one insertion, canonical order).
 */
import type { Sharing } from "../report/types";
import type { Span } from "../source";

export type FixIntent =
  /** `ARG NAME` in the stage, after its FROM line and the ARG lines directly under it. */
  | { readonly kind: "declare-arg"; readonly stage: number; readonly name: string }
  /**
   * Text in front of the mount's id value. When the mount has no `id`, an
   * `id=<prefix><defaultId><suffix>` field is added instead.
   */
  | { readonly kind: "id-prefix"; readonly mount: number; readonly text: string; readonly defaultId: string }
  /** Text after the mount's id value (same rule for a missing id). */
  | { readonly kind: "id-suffix"; readonly mount: number; readonly text: string; readonly defaultId: string }
  /**
   * An explicit id for a mount that has none (or an empty `id=`): `defaultId`
   * is written unless a prefix or suffix intent already writes one.
   */
  | { readonly kind: "ensure-id"; readonly mount: number; readonly defaultId: string }
  /** The mount's sharing mode; several intents on one mount keep the strictest. */
  | { readonly kind: "sharing"; readonly mount: number; readonly value: Sharing }
  /** A new line before 1-based `line`, indented like it and ended like the file's lines. */
  | { readonly kind: "insert-line"; readonly line: number; readonly text: string }
  /** `ARG NAME=default` → `ARG NAME`: `span` is the key=value pair, `key` its name. */
  | { readonly kind: "drop-arg-default"; readonly span: Span; readonly key: string }
  /** Replace the source at `span` (a misspelt word BuildKit suggests a fix for). */
  | { readonly kind: "replace"; readonly span: Span; readonly text: string };
