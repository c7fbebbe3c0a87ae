/** A module id as Vite hands it to plugins, without its query or hash (`?worker`, `?url`, `#…`): the file's path. */
export function cleanId(id: string): string {
  return id.replace(/[?#].*$/, "");
}
