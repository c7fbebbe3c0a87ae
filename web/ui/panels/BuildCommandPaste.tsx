import { useId, useState } from "react";
import { parseBuildCommand } from "../lib/build-command";
import type { AppDispatch } from "../state";
import { Prose } from "../components/Prose";

/** "Paste a build command": `docker buildx build --platform … --build-arg … --target … .` sets the options. */
/** The command describes the whole build: its platforms, build args (namespace included) and target replace ours. */
export function BuildCommandPaste({ dispatch }: { readonly dispatch: AppDispatch }) {
  const id = useId();
  const [command, setCommand] = useState("");
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly lines: readonly string[] } | null>(null);

  const apply = () => {
    const result = parseBuildCommand(command);
    if (!result.ok) {
      setMessage({ ok: false, lines: [result.error] });
      return;
    }
    const c = result.command;
    dispatch({
      type: "apply-build-command",
      preset: {
        ...(c.platforms ? { platforms: c.platforms } : {}),
        buildArgs: c.buildArgs,
        target: c.target ?? "",
      },
    });
    const done = [
      c.platforms ? `platforms ${c.platforms.join(",")}` : "platforms unchanged",
      `${c.buildArgs.length} build arg${c.buildArgs.length === 1 ? "" : "s"}`,
      c.target ? `target ${c.target}` : "last stage",
    ];
    setMessage({ ok: true, lines: [`Applied: ${done.join(" · ")}.`, ...c.notes] });
  };

  return (
    <div className="build-command">
      <label htmlFor={id}>Paste a build command</label>
      <textarea
        id={id}
        className="mono"
        rows={2}
        spellCheck={false}
        placeholder="docker buildx build --platform linux/amd64,linux/arm64 --build-arg V=1 --target app ."
        value={command}
        onChange={(e) => setCommand(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) apply();
        }}
      />
      <button type="button" className="button small" onClick={apply}>
        Use these options
      </button>
      <div role="status" className="field-status">
        {message?.lines.map((line, i) => (
          <p key={i} className={message.ok && i === 0 ? "ok" : message.ok ? "muted" : "field-error"}>
            <Prose text={line} />
          </p>
        ))}
      </div>
    </div>
  );
}
