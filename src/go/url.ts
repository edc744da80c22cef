/**
 * The subset of Go's `net/url.Parse` that decides how Consul reads a statsd
 * sink URL: whether parsing fails, the lower-cased scheme, the host (for
 * `Hostname()`/`Port()`) and the unescaped path. Pure.
 *
 * @module
 */

/** A parsed URL (only the parts the sinks use). */
export interface GoUrl {
  /** Lower-cased scheme, `""` when none. */
  scheme: string;
  /** Raw authority host (`host`, `host:port`, `[v6]:port`), unescaped. */
  host: string;
  /** Unescaped path (`""` for opaque URLs such as `unix:foo`). */
  path: string;
  /** Opaque part for `scheme:opaque` URLs. */
  opaque: string;
}

/** Result of {@linkcode parseGoUrl}: the URL or Go's error reason. */
export type GoUrlResult = { ok: true; url: GoUrl } | { ok: false; error: string };

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

/** Characters allowed unescaped in a host (Go `shouldEscape` with `encodeHost`). */
function hostCharAllowed(c: string): boolean {
  return /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]$/.test(c);
}

type Mode = "host" | "zone" | "path" | "fragment" | "user";

/** Go's `unescape(s, mode)`: decode `%XX`, failing on malformed escapes. */
function unescape(
  s: string,
  mode: Mode,
): { ok: true; value: string } | { ok: false; error: string } {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "%") {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
        return { ok: false, error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}` };
      }
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === "host" && v < 0x80 && s.slice(i, i + 3) !== "%25") {
        return { ok: false, error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}` };
      }
      const zoneBad = v !== 0x20 && (v >= 0x80 || !hostCharAllowed(String.fromCharCode(v)));
      if (mode === "zone" && s.slice(i, i + 3) !== "%25" && zoneBad) {
        return { ok: false, error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}` };
      }
      bytes.push(v);
      i += 2;
      continue;
    }
    if ((mode === "host" || mode === "zone") && c.charCodeAt(0) < 0x80 && !hostCharAllowed(c)) {
      return { ok: false, error: `invalid character ${JSON.stringify(c)} in host name` };
    }
    bytes.push(...enc.encode(c));
  }
  return { ok: true, value: new TextDecoder().decode(new Uint8Array(bytes)) };
}

/** `""` or `:` followed by decimal digits only. */
export function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): { ok: true; value: string } | { ok: false; error: string } {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) return { ok: false, error: "missing ']' in host" };
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) {
      return { ok: false, error: `invalid port ${JSON.stringify(colonPort)} after host` };
    }
    const zone = host.slice(0, i).indexOf("%25");
    if (zone >= 0) {
      const h1 = unescape(host.slice(0, zone), "host");
      if (!h1.ok) return h1;
      const h2 = unescape(host.slice(zone, i), "zone");
      if (!h2.ok) return h2;
      const h3 = unescape(host.slice(i), "host");
      if (!h3.ok) return h3;
      return { ok: true, value: h1.value + h2.value + h3.value };
    }
  } else {
    const i = host.lastIndexOf(":");
    if (i >= 0) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) {
        return { ok: false, error: `invalid port ${JSON.stringify(colonPort)} after host` };
      }
      if (host.slice(0, i).includes(":")) {
        return { ok: false, error: `invalid host ${JSON.stringify(host)}` };
      }
    }
  }
  return unescape(host, "host");
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function getScheme(
  raw: string,
): { ok: true; scheme: string; rest: string } | { ok: false; error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { ok: true, scheme: "", rest: raw };
      continue;
    }
    if (c === ":") {
      if (i === 0) return { ok: false, error: "missing protocol scheme" };
      return { ok: true, scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { ok: true, scheme: "", rest: raw };
  }
  return { ok: true, scheme: "", rest: raw };
}

/** Go's `url.Parse(raw)` (not via request), reduced to what the sinks need. */
export function parseGoUrl(raw: string): GoUrlResult {
  // deno-lint-ignore no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return { ok: false, error: "invalid control character in URL" };
  const hash = raw.indexOf("#");
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  if (hash >= 0) {
    const frag = unescape(raw.slice(hash + 1), "fragment");
    if (!frag.ok) return frag;
  }
  if (u === "*") return { ok: true, url: { scheme: "", host: "", path: "*", opaque: "" } };
  const s = getScheme(u);
  if (!s.ok) return s;
  const scheme = s.scheme.toLowerCase();
  let rest = s.rest;
  if (rest.endsWith("?") && rest.split("?").length === 2) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { ok: true, url: { scheme, host: "", path: "", opaque: rest } };
    const segment = rest.split("/")[0];
    if (segment.includes(":")) {
      return { ok: false, error: "first path segment in URL cannot contain colon" };
    }
  }
  let host = "";
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf("@");
    const h = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (!h.ok) return h;
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!validUserinfo(userinfo)) return { ok: false, error: "net/url: invalid userinfo" };
      const user = unescape(userinfo, "user");
      if (!user.ok) return user;
    }
    host = h.value;
  }
  const path = unescape(rest, "path");
  if (!path.ok) return path;
  return { ok: true, url: { scheme, host, path: path.value, opaque: "" } };
}

/** Go's `URL.Hostname()` and `URL.Port()` of a host string. */
export function hostnameAndPort(host: string): { hostname: string; port: string } {
  let h = host;
  let port = "";
  const colon = h.lastIndexOf(":");
  if (colon >= 0 && validOptionalPort(h.slice(colon))) {
    port = h.slice(colon + 1);
    h = h.slice(0, colon);
  }
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  return { hostname: h, port };
}
