import { useId, useState } from "react";
import { COMMON_TARGET_PLATFORMS } from "../../core/platform/common-targets";
import { sameItems } from "../../core/util/same-items";
import type { ReportTable } from "../../core/report/types";
import type { AppDispatch } from "../state";

/** The chips offered without typing. */

const PRESETS: readonly { readonly label: string; readonly platforms: readonly string[] }[] = [
  { label: "amd64 + arm64", platforms: ["linux/amd64", "linux/arm64"] },
  { label: "Docker official images", platforms: COMMON_TARGET_PLATFORMS },
];

/** buildx's `--platform` list: comma-separated, blanks around items ignored. */
export function splitPlatforms(text: string): string[] {
  return text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

export interface PlatformPickerProps {
  readonly platforms: readonly string[];
  readonly report: ReportTable | null;
  readonly dispatch: AppDispatch;
}

export function PlatformPicker({ platforms, report, dispatch }: PlatformPickerProps) {
  const inputId = useId();
  const statusId = useId();
  const [draft, setDraft] = useState(platforms.join(","));
  const [synced, setSynced] = useState(platforms);
  if (synced !== platforms) {
    // Changed elsewhere (chips, presets, an example): show it, unless it is what the draft already says.
    setSynced(platforms);
    if (!sameItems(splitPlatforms(draft), platforms)) setDraft(platforms.join(","));
  }

  const chips = [...COMMON_TARGET_PLATFORMS, ...platforms.filter((p) => !COMMON_TARGET_PLATFORMS.includes(p))];
  // Only trust the report when it was computed for exactly these platforms.
  const current =
    report &&
    sameItems(
      report.platforms.map((p) => p.requested),
      platforms,
    )
      ? report
      : null;
  const errors = current?.platforms.filter((p) => p.error && p.normalized === null) ?? [];
  const normalized = current?.platforms.map((p) => p.normalized).filter((p): p is string => p !== null) ?? [];

  return (
    <fieldset className="platforms">
      <legend>Target platforms</legend>
      <div className="chips" role="group" aria-label="Toggle platforms">
        {chips.map((p) => (
          <button
            key={p}
            type="button"
            className="chip"
            aria-pressed={platforms.includes(p)}
            onClick={() => dispatch({ type: "toggle-platform", platform: p })}
          >
            <ChipLabel platform={p} />
          </button>
        ))}
      </div>
      <div className="presets" role="group" aria-label="Platform presets">
        {PRESETS.map((preset) => (
          <button
            key={preset.label}
            type="button"
            className="button small"
            aria-pressed={sameItems(preset.platforms, platforms)}
            onClick={() => dispatch({ type: "set-platforms", platforms: preset.platforms })}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor={inputId}>
          <code>--platform</code> <span className="muted">(buildx syntax)</span>
        </label>
        <input
          id={inputId}
          className="mono"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={draft}
          aria-invalid={errors.length > 0}
          aria-describedby={statusId}
          placeholder="linux/amd64,linux/arm64"
          onChange={(event) => {
            setDraft(event.target.value);
            dispatch({ type: "set-platforms", platforms: splitPlatforms(event.target.value) });
          }}
        />
        <div id={statusId} className="field-status">
          {errors.map((p, i) => (
            <p key={i} className="field-error">
              {p.error}
            </p>
          ))}
          {errors.length === 0 && normalized.length > 0 && (
            <p className="muted">
              Normalized: <code>{normalized.join(",")}</code>
            </p>
          )}
          {platforms.length === 0 && (
            <p className="muted">No target platform: BuildKit builds for the build platform.</p>
          )}
        </div>
      </div>
    </fieldset>
  );
}

/** "linux/" dimmed, the architecture prominent; the accessible name stays the whole platform. */
function ChipLabel({ platform }: { readonly platform: string }) {
  const slash = platform.indexOf("/");
  if (slash < 0) return <>{platform}</>;
  return (
    <>
      <span className="chip-os">{platform.slice(0, slash + 1)}</span>
      {platform.slice(slash + 1)}
    </>
  );
}
