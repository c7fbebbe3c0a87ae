import { EXAMPLES, type Example } from "../../examples/index";
import { useRuleDocs } from "../hooks/use-rule-docs";
import { RuleList } from "./RulePage";

function ExampleButton({
  id,
  children,
  onLoad,
}: {
  readonly id: string;
  readonly children: string;
  readonly onLoad: (e: Example) => void;
}) {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return null;
  return (
    <button type="button" className="button small" onClick={() => onLoad(example)}>
      {children}
    </button>
  );
}

/** For newcomers: the default id, why platforms collide, what is safe, and the fix, next to the live example. */
export function IntroView({ onLoad }: { readonly onLoad: (e: Example) => void }) {
  const docs = useRuleDocs(true);
  return (
    <article className="intro" aria-labelledby="intro-heading">
      <h2 id="intro-heading">One cache directory, two architectures</h2>
      <p>
        <code>RUN --mount=type=cache,target=/var/cache/apk</code> gives the RUN a directory that survives between
        builds. BuildKit finds it by its <strong>id</strong>, and without an <code>id=</code> the id is the target path.
        The key it sends is the namespace, a slash, and the id: <code>//var/cache/apk</code>.
      </p>
      <h3>Why platforms collide</h3>
      <p>
        The platform is never part of the key. <code>docker buildx build --platform linux/amd64,linux/arm64</code>{" "}
        builds both in parallel, and every RUN mounts the <em>same</em> directory. When the cache holds
        architecture-specific files under the same names, one platform reads the other's: apk's index, a{" "}
        <code>node_modules</code> with native addons, a cargo <code>target/</code>.
      </p>
      <p>
        <ExampleButton id="apk-report" onLoad={onLoad}>
          Show the apk report
        </ExampleButton>{" "}
        <ExampleButton id="node-modules" onLoad={onLoad}>
          Show node_modules
        </ExampleButton>
      </p>
      <h3>What is safe</h3>
      <p>
        Many caches are fine to share: their content is arch-neutral or keyed by architecture inside the tool (the Go
        build cache, Go modules, pip, npm, the cargo registry). Stages <code>FROM --platform=$BUILDPLATFORM</code> run
        on the build machine for every target and share on purpose. The table says which is which, and why.
      </p>
      <p>
        <ExampleButton id="go-cross-compile" onLoad={onLoad}>
          Show a safe Go cross-compile
        </ExampleButton>
      </p>
      <h3>The fix</h3>
      <p>
        Make the id depend on the platform the RUN executes on: declare <code>ARG TARGETPLATFORM</code> in the stage and
        write{" "}
        <code>
          id=${"{"}TARGETPLATFORM{"}"}/var/cache/apk
        </code>
        . Watch the traps: without the <code>ARG</code> the variable is silently empty, <code>TARGETARCH</code> is{" "}
        <code>arm</code> for both arm/v6 and arm/v7, and <code>ARG TARGETARCH=amd64</code> pins one value for every
        platform. The Fix tab writes the change for you, as a minimal edit.
      </p>
      <p>
        <ExampleButton id="forgotten-arg" onLoad={onLoad}>
          Show the forgotten ARG
        </ExampleButton>{" "}
        <ExampleButton id="arm-variants" onLoad={onLoad}>
          Show arm/v6 vs arm/v7
        </ExampleButton>
      </p>
      <h3>Rules</h3>
      {docs.status === "ready" ? (
        <RuleList rules={docs.rules} />
      ) : (
        <p className="muted">
          {docs.status === "loading" ? "Loading the rules…" : "Rule pages are not in this build yet."}
        </p>
      )}
    </article>
  );
}
