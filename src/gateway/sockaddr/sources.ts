/**
 * go-sockaddr source functions (`GetAllInterfaces`, `GetPrivateIP`, …),
 * evaluated over an injected list of interface addresses.
 *
 * @module
 */

import type { FuncMap } from "../../template/mod.ts";
import { TemplateError } from "../../template/mod.ts";
import type { SockAddrIf } from "./ifaddr.ts";
import { sortBy, sortCriteria } from "./ops.ts";
import { compileGoRegex } from "./regex.ts";
import { isForwardable, isRfc } from "./rfc.ts";
import { goQuote } from "../../go/quote.ts";

const PRIVATE_ORDER = sortCriteria("default,type,size");
const INTERFACE_ORDER = sortCriteria("type,size");

function usable(all: readonly SockAddrIf[]): SockAddrIf[] {
  return all.filter((a) => isForwardable(a.ip) && a.ifAddr.flags.has("up"));
}

/** Forwardable addresses on up interfaces inside RFC 6890, default route first. */
export function privateInterfaces(all: readonly SockAddrIf[]): SockAddrIf[] {
  return sortBy(usable(all), PRIVATE_ORDER).filter((a) => isRfc(6890, a.ip));
}

/** Forwardable addresses on up interfaces outside RFC 6890, default route first. */
export function publicInterfaces(all: readonly SockAddrIf[]): SockAddrIf[] {
  return sortBy(usable(all), PRIVATE_ORDER).filter((a) => !isRfc(6890, a.ip));
}

/**
 * Forwardable addresses of interfaces whose name matches `re`, IPv4 and
 * larger networks first. Deliberate difference from go-sockaddr: when the
 * matching interfaces have no forwardable address at all (a loopback-only
 * interface such as `lo`), their other addresses are returned instead of
 * nothing, so `{{ GetInterfaceIP "lo" }}` yields `127.0.0.1` rather than an
 * empty address that fails to parse.
 */
export function interfaceAddrs(all: readonly SockAddrIf[], re: string, fn: string): SockAddrIf[] {
  let rx: RegExp;
  try {
    rx = compileGoRegex(re);
  } catch (e) {
    throw new TemplateError(
      `${fn}: Unable to compile name regexp ${goQuote(re, true)}: ${(e as Error).message}`,
    );
  }
  const named = all.filter((a) => rx.test(a.name));
  const forwardable = named.filter((a) => isForwardable(a.ip));
  return sortBy(forwardable.length > 0 ? forwardable : named, INTERFACE_ORDER);
}

function noArgs(fn: string, args: unknown[]): void {
  if (args.length !== 0) {
    throw new TemplateError(`wrong number of args for ${fn}: want 0 got ${args.length}`);
  }
}

function regexArg(fn: string, args: unknown[]): string {
  if (args.length !== 1) {
    throw new TemplateError(`wrong number of args for ${fn}: want 1 got ${args.length}`);
  }
  if (typeof args[0] !== "string") {
    throw new TemplateError(`${fn}: wrong type for value; expected string`);
  }
  return args[0];
}

const first = (l: SockAddrIf[]): string => (l.length > 0 ? l[0].address : "");
const spaced = (l: SockAddrIf[]): string => l.map((a) => a.address).join(" ");

/** The source functions, bound to `all` (every address of the host). */
export function sourceFuncs(all: readonly SockAddrIf[]): FuncMap {
  const list = (fn: string, f: () => SockAddrIf[]) => (...args: unknown[]) => {
    noArgs(fn, args);
    return f();
  };
  return {
    GetAllInterfaces: list("GetAllInterfaces", () => [...all]),
    GetDefaultInterfaces: list(
      "GetDefaultInterfaces",
      () => all.filter((a) => a.ifAddr.isDefault === true),
    ),
    GetPrivateInterfaces: list("GetPrivateInterfaces", () => privateInterfaces(all)),
    GetPublicInterfaces: list("GetPublicInterfaces", () => publicInterfaces(all)),
    GetPrivateIP: (...args) => (noArgs("GetPrivateIP", args), first(privateInterfaces(all))),
    GetPrivateIPs: (...args) => (noArgs("GetPrivateIPs", args), spaced(privateInterfaces(all))),
    GetPublicIP: (...args) => (noArgs("GetPublicIP", args), first(publicInterfaces(all))),
    GetPublicIPs: (...args) => (noArgs("GetPublicIPs", args), spaced(publicInterfaces(all))),
    GetInterfaceIP: (...args) =>
      first(interfaceAddrs(all, regexArg("GetInterfaceIP", args), "GetInterfaceIP")),
    GetInterfaceIPs: (...args) =>
      spaced(interfaceAddrs(all, regexArg("GetInterfaceIPs", args), "GetInterfaceIPs")),
  };
}
