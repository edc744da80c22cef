/**
 * Go's `path.Clean` / `path.Join`, and `filepath.Clean` / `filepath.Join`
 * when given the platform separator: the one way paths are joined wherever
 * Consul's Go code joins them (CA directory walks, the `PATH` search for
 * Envoy, the telemetry socket path). Pure, lexical: no file system access.
 *
 * @module
 */

const VOLUME = /^[A-Za-z]:/;

/**
 * Go's `path.Clean` (`sep` `/`) or Windows `filepath.Clean` (`sep` `\`,
 * where `/` also separates and a drive letter such as `C:` is kept):
 * repeated separators and `.` elements go, `..` removes the element before
 * it, a rooted path stays rooted, and an empty result is `.`.
 */
export function cleanPath(p: string, sep = "/"): string {
  let volume = "";
  if (sep === "\\" && VOLUME.test(p)) {
    volume = p.slice(0, 2);
    p = p.slice(2);
  }
  const isSep = (c: string | undefined) => c === "/" || c === sep;
  const rooted = isSep(p[0]);
  const out: string[] = [];
  for (const part of p.split(sep === "/" ? "/" : /[\\/]/)) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join(sep);
  if (rooted) return volume + sep + joined;
  return volume + (joined === "" ? "." : joined);
}

/**
 * Go's `path.Join` (`sep` `/`) or Windows `filepath.Join` (`sep` `\`):
 * the non-empty elements joined by `sep`, then cleaned; `""` when all are
 * empty.
 */
export function joinPath(elements: readonly string[], sep = "/"): string {
  const parts = elements.filter((s) => s !== "");
  return parts.length === 0 ? "" : cleanPath(parts.join(sep), sep);
}
