/**
 * Environment expansion of statsd/dogstatsd sink URLs, done before the URL
 * is parsed: Go's `os.Expand` semantics
 * with a mapping that only substitutes `HOST_IP`. Pure apart from the
 * injected `getEnv`.
 *
 * @module
 */

/** Reads one environment variable (`undefined` when unset). */
export type GetEnv = (name: string) => string | undefined;

const isSpecial = (c: string) => /^[*#$@!?\-0-9]$/.test(c);
const isAlphaNum = (c: string) => /^[A-Za-z0-9_]$/.test(c);

/** Go's `getShellName`: the variable name after `$` and how many characters it used. */
function shellName(s: string): [string, number] {
  if (s[0] === "{") {
    if (s.length > 2 && isSpecial(s[1]) && s[2] === "}") return [s.slice(1, 2), 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === "}") {
        if (i === 1) return ["", 2]; // "${}" is eaten
        return [s.slice(1, i), i + 1];
      }
    }
    return ["", 1]; // unterminated "${" is eaten
  }
  if (isSpecial(s[0])) return [s.slice(0, 1), 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i])) i++;
  return [s.slice(0, i), i];
}

/** Go's `os.Expand(s, mapping)`. */
export function goExpand(s: string, mapping: (name: string) => string): string {
  let out = "";
  let i = 0;
  let changed = false;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === "$" && j + 1 < s.length) {
      changed = true;
      out += s.slice(i, j);
      const [name, w] = shellName(s.slice(j + 1));
      if (name === "" && w > 0) {
        // invalid syntax: eaten
      } else if (name === "") {
        out += "$";
      } else {
        out += mapping(name);
      }
      j += w;
      i = j + 1;
    }
  }
  return changed ? out + s.slice(i) : s;
}

/**
 * Resolve a sink URL setting: `$NAME` (longer than 2 characters) is the value
 * of the variable named by the whole rest; otherwise `$HOST_IP`/`${HOST_IP}`
 * are substituted and every other reference is rewritten as `${NAME}`.
 */
export function expandSinkUrl(value: string, getEnv: GetEnv): string {
  if (value.length > 2 && value[0] === "$") return getEnv(value.slice(1)) ?? "";
  return goExpand(value, (name) => name === "HOST_IP" ? getEnv("HOST_IP") ?? "" : `\${${name}}`);
}
