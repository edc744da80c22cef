/**
 * go-sockaddr list operators: `include`/`exclude` selectors, `sort`,
 * `unique`, `limit`, `offset`, `attr` and `join`. All work on lists of
 * {@linkcode SockAddrIf}; bad arguments throw TemplateError.
 *
 * @module
 */

import { goQuote } from "../../go/quote.ts";
import { TemplateError } from "../../template/mod.ts";
import {
  attrOf,
  isGlobalUnicastIp,
  isInterfaceLocalMulticastIp,
  isLinkLocalMulticastIp,
  isLinkLocalUnicastIp,
  isLoopbackIp,
  isMulticastIp,
  isUnspecifiedIp,
  typeRank,
} from "./attrs.ts";
import { containsNetwork, parseIpNet, SockAddrIf } from "./ifaddr.ts";
import { compileGoRegex } from "./regex.ts";
import { isForwardable, isKnownRfc, isRfc } from "./rfc.ts";

type Pred = (a: SockAddrIf) => boolean;

function fail(message: string): never {
  throw new TemplateError(message);
}

function regexPred(kind: string, re: string, pick: (a: SockAddrIf) => string): Pred {
  let rx: RegExp;
  try {
    rx = compileGoRegex(re);
  } catch (e) {
    fail(`Unable to compile ${kind} regexp ${goQuote(re, true)}: ${(e as Error).message}`);
  }
  return (a) => rx.test(pick(a));
}

/** go-sockaddr `IfByFlag`: required interface flags (all) or address attributes (any). */
function flagPred(param: string): Pred {
  const need = new Set<string>();
  let checkFlags = false;
  const attrs: Pred[] = [];
  for (const flag of param.toLowerCase().split("|")) {
    switch (flag) {
      case "broadcast":
      case "up":
        checkFlags = true;
        need.add(flag);
        break;
      case "point-to-point":
        checkFlags = true;
        need.add("pointtopoint");
        break;
      case "down":
        checkFlags = true;
        need.delete("up");
        break;
      case "loopback":
        checkFlags = true;
        need.add("loopback");
        attrs.push((a) => isLoopbackIp(a.ip));
        break;
      case "multicast":
        checkFlags = true;
        need.add("multicast");
        attrs.push((a) => isMulticastIp(a.ip));
        break;
      case "forwardable":
        attrs.push((a) => isForwardable(a.ip));
        break;
      case "global unicast":
        attrs.push((a) => isGlobalUnicastIp(a.ip));
        break;
      case "interface-local multicast":
        attrs.push((a) => isInterfaceLocalMulticastIp(a.ip));
        break;
      case "link-local multicast":
        attrs.push((a) => isLinkLocalMulticastIp(a.ip));
        break;
      case "link-local unicast":
        attrs.push((a) => isLinkLocalUnicastIp(a.ip));
        break;
      case "unspecified":
        attrs.push((a) => isUnspecifiedIp(a.ip));
        break;
      default:
        fail(`Unknown interface flag: ${goQuote(flag, true)}`);
    }
  }
  return (a) => {
    const flags = a.ifAddr.flags as Set<string>;
    if (checkFlags && [...need].every((f) => flags.has(f))) return true;
    return attrs.some((p) => p(a));
  };
}

function rfcPred(param: string): Pred {
  const rfcs = param.split("|").map((s) => {
    if (!/^\d+$/.test(s)) {
      fail(
        `unable to parse RFC number ${goQuote(s, true)}: strconv.ParseUint: parsing ${
          goQuote(s)
        }: invalid syntax`,
      );
    }
    const n = Number(s);
    if (!isKnownRfc(n)) fail(`unable to find RFC ${n}`);
    return n;
  });
  return (a) => rfcs.some((r) => isRfc(r, a.ip));
}

function networkPred(param: string): Pred {
  const nets = param.split("|").map((s) => {
    try {
      return parseIpNet(s);
    } catch (e) {
      fail(`unable to create an IP address from ${goQuote(s, true)}: ${(e as Error).message}`);
    }
  });
  return (a) => nets.some((n) => containsNetwork(n, a.ip));
}

function typePred(param: string): Pred {
  const types = param.toLowerCase().split("|");
  for (const t of types) {
    if (!["ip", "ipv4", "ipv6", "unix"].includes(t)) {
      fail(`unsupported type ${goQuote(t)} ${goQuote(param)}`);
    }
  }
  return (a) =>
    types.some((t) =>
      t === "ip" || (t === "ipv4" && a.ip.family === "IPv4") ||
      (t === "ipv6" && a.ip.family === "IPv6")
    );
}

function sizePred(param: string): Pred {
  if (!/^\d+$/.test(param)) {
    fail(
      `invalid exclude size argument (${goQuote(param)}): strconv.ParseUint: parsing ${
        goQuote(param)
      }: invalid syntax`,
    );
  }
  const size = Number(param);
  return (a) => {
    if (a.ip.family === "IPv4" && size > 32) {
      fail(`mask size out of bounds for IPv4 address: ${size}`);
    }
    if (size > 128) fail(`mask size out of bounds for IPv6 address: ${size}`);
    return a.ip.prefixLength === size;
  };
}

function selectorPred(op: string, selector: string, param: string): Pred {
  switch (selector.toLowerCase()) {
    case "address":
      return regexPred("address", param, (a) => a.toString());
    case "flag":
    case "flags":
      return flagPred(param);
    case "name":
      return regexPred("name", param, (a) => a.name);
    case "network":
      return networkPred(param);
    case "port":
      return regexPred("port", param, () => "0");
    case "rfc":
    case "rfcs":
      return rfcPred(param);
    case "size":
      return sizePred(param);
    case "type":
      return typePred(param);
  }
  fail(`invalid ${op} selector ${goQuote(selector)}`);
}

/** Checks that `v` is a list of interface addresses (Go's static typing). */
export function asList(v: unknown, fn: string): SockAddrIf[] {
  if (Array.isArray(v) && v.every((e) => e instanceof SockAddrIf)) return v as SockAddrIf[];
  fail(`${fn}: wrong type for value; expected sockaddr.IfAddrs; got ${describe(v)}`);
}

function asString(v: unknown, fn: string): string {
  if (typeof v === "string") return v;
  fail(`${fn}: wrong type for value; expected string; got ${describe(v)}`);
}

function asInt(v: unknown, fn: string): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  fail(`${fn}: wrong type for value; expected int; got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return "list";
  if (v instanceof SockAddrIf) return "sockaddr.IfAddr";
  return typeof v === "number" ? "int" : typeof v;
}

function arity(args: unknown[], n: number, fn: string): void {
  if (args.length !== n) fail(`wrong number of args for ${fn}: want ${n} got ${args.length}`);
}

/** `include "<selector>" "<param>" <list>` */
export function include(...args: unknown[]): SockAddrIf[] {
  arity(args, 3, "include");
  const pred = selectorPred("include", asString(args[0], "include"), asString(args[1], "include"));
  return asList(args[2], "include").filter(pred);
}

/** `exclude "<selector>" "<param>" <list>` */
export function exclude(...args: unknown[]): SockAddrIf[] {
  arity(args, 3, "exclude");
  const pred = selectorPred("exclude", asString(args[0], "exclude"), asString(args[1], "exclude"));
  return asList(args[2], "exclude").filter((a) => !pred(a));
}

type Cmp = (a: SockAddrIf, b: SockAddrIf) => number;

function cmpAddress(a: SockAddrIf, b: SockAddrIf): number {
  if (a.ip.family !== b.ip.family) return 0;
  return a.ip.value < b.ip.value ? -1 : a.ip.value > b.ip.value ? 1 : 0;
}

function cmpDefault(a: SockAddrIf, b: SockAddrIf): number {
  const da = a.ifAddr.isDefault === true;
  const db = b.ifAddr.isDefault === true;
  return da === db ? 0 : da ? -1 : 1;
}

function cmpName(a: SockAddrIf, b: SockAddrIf): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function cmpPrivate(a: SockAddrIf, b: SockAddrIf): number {
  if (a.ip.family !== b.ip.family) return 0;
  const pa = isRfc(6890, a.ip);
  const pb = isRfc(6890, b.ip);
  return pa === pb ? 0 : pa ? -1 : 1;
}

/** Larger networks (shorter prefixes) first, within one family. */
function cmpSize(a: SockAddrIf, b: SockAddrIf): number {
  if (a.ip.family !== b.ip.family) return 0;
  return a.ip.prefixLength - b.ip.prefixLength;
}

function cmpType(a: SockAddrIf, b: SockAddrIf): number {
  return typeRank(a) - typeRank(b);
}

const SORT_KEYS: Record<string, Cmp> = {
  address: cmpAddress,
  default: cmpDefault,
  name: cmpName,
  port: () => 0,
  private: cmpPrivate,
  size: cmpSize,
  type: cmpType,
};

/** Stable multi-key sort (later keys break ties of earlier ones). */
export function sortBy(list: readonly SockAddrIf[], cmps: Cmp[]): SockAddrIf[] {
  return [...list].sort((a, b) => {
    for (const c of cmps) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  });
}

/** Parses go-sockaddr sort criteria such as `+type,-size`. */
export function sortCriteria(param: string): Cmp[] {
  return param.split(",").map((clause) => {
    const c = clause.trim().toLowerCase();
    const desc = c.startsWith("-");
    const key = c.replace(/^[+-]/, "");
    const cmp = Object.hasOwn(SORT_KEYS, key) ? SORT_KEYS[key] : undefined;
    if (!cmp) fail(`unknown sort type: ${goQuote(clause)}`);
    return desc ? (a: SockAddrIf, b: SockAddrIf) => -cmp(a, b) : cmp;
  });
}

/** `sort "<criteria>" <list>` */
export function sort(...args: unknown[]): SockAddrIf[] {
  arity(args, 2, "sort");
  return sortBy(asList(args[1], "sort"), sortCriteria(asString(args[0], "sort")));
}

/** `unique "address"|"name" <list>`: drops consecutive duplicates. */
export function unique(...args: unknown[]): SockAddrIf[] {
  arity(args, 2, "unique");
  const attr = asString(args[0], "unique");
  const list = asList(args[1], "unique");
  const key = attr.toLowerCase();
  if (key !== "address" && key !== "name") {
    fail(`unsupported unique constraint ${goQuote(attr, true)}`);
  }
  const out: SockAddrIf[] = [];
  let last = "";
  for (const a of list) {
    const v = key === "address" ? a.toString() : a.name;
    if (last === "" || last !== v) {
      last = v;
      out.push(a);
    }
  }
  return out;
}

/** `limit N <list>` */
export function limit(...args: unknown[]): SockAddrIf[] {
  arity(args, 2, "limit");
  const n = asInt(args[0], "limit");
  if (n < 0) fail(`limit: cannot use negative limit ${n}`);
  return asList(args[1], "limit").slice(0, n);
}

/** `offset N <list>` (negative N keeps the last N). */
export function offset(...args: unknown[]): SockAddrIf[] {
  arity(args, 2, "offset");
  const n = asInt(args[0], "offset");
  const list = asList(args[1], "offset");
  const abs = Math.abs(n);
  if (abs > list.length) {
    fail(
      `unable to seek past the end of the interface array: offset (${abs}) exceeds the number of interfaces (${list.length})`,
    );
  }
  return n < 0 ? list.slice(list.length - abs) : list.slice(abs);
}

/** `attr "<name>" <list-or-address>`: attribute of the first element ("" for an empty list). */
export function attr(...args: unknown[]): string {
  arity(args, 2, "attr");
  const name = asString(args[0], "attr");
  const v = args[1];
  if (v instanceof SockAddrIf) return attrOf(v, name);
  if (Array.isArray(v) && v.every((e) => e instanceof SockAddrIf)) {
    return v.length === 0 ? "" : attrOf(v[0], name);
  }
  fail(`unable to obtain attribute ${name} from type ${describe(v)} (${String(v)})`);
}

/** `join "<attr>" "<sep>" <list>` */
export function join(...args: unknown[]): string {
  arity(args, 3, "join");
  const name = asString(args[0], "join");
  const sep = asString(args[1], "join");
  return asList(args[2], "join").map((a) => attrOf(a, name)).join(sep);
}

/** `math` is recognised but not implemented: always an error. */
export function math(..._args: unknown[]): never {
  fail("math is not supported by connect-envoy");
}
