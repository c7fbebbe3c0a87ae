/**
 * A local stand-in for `@monaco-editor/loader`, aliased in vite.config.ts.
 *
 * The real loader's fallback path injects a `<script>` from a CDN (pinned to an
 * older Monaco) whenever no instance was configured in time. We always bundle
 * Monaco, so that path is dead code, but it would still ship the CDN address in
 * dist/. This module keeps the same small API (`config`, `init`,
 * `__getMonacoInstance`) and can only ever hand out the bundled instance.
 */
import type * as MonacoModule from "monaco-editor/editor";

type Monaco = typeof MonacoModule;

type CancelablePromise<T> = Promise<T> & { cancel: () => void };

let instance: Monaco | null = null;
const waiting: ((monaco: Monaco) => void)[] = [];

function config(options: { monaco?: Monaco }): void {
  if (!options.monaco) return;
  instance = options.monaco;
  for (const resolve of waiting.splice(0)) resolve(instance);
}

function init(): CancelablePromise<Monaco> {
  let canceled = false;
  const promise = new Promise<Monaco>((resolve, reject) => {
    const deliver = (monaco: Monaco) =>
      canceled ? reject({ type: "cancelation", msg: "operation is manually canceled" }) : resolve(monaco);
    if (instance) deliver(instance);
    else waiting.push(deliver);
  }) as CancelablePromise<Monaco>;
  promise.cancel = () => {
    canceled = true;
  };
  return promise;
}

function __getMonacoInstance(): Monaco | null {
  return instance;
}

const loader = { config, init, __getMonacoInstance };
export default loader;
