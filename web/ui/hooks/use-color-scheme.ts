import { useSyncExternalStore } from "react";
import { mediaQueryList } from "./use-media-query";

const query = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const media = mediaQueryList(query);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** Light or dark, following the OS. */
export function useColorScheme(): "light" | "dark" {
  return useSyncExternalStore(
    subscribe,
    () => (mediaQueryList(query).matches ? "dark" : "light"),
    () => "light",
  );
}
