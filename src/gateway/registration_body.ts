/**
 * The gateway registration body of `PUT /v1/agent/service/register` that
 * `-register` sends, serialised exactly as Consul's Go client does: field order, omission
 * rules, HTML-safe escaping and a trailing newline. Pure.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import type { Addr } from "./address.ts";
import { goQuote } from "../go/quote.ts";
import { canBind } from "./bindable.ts";
import { joinHostPort } from "../go/net_ip.ts";

/** Inputs of {@linkcode buildRegistration}. */
export interface RegistrationParams {
  /** Gateway kind string (`mesh-gateway`, …). */
  kind: string;
  proxyId: string;
  /** Gateway service name. */
  serviceName: string;
  /** `-address` value form. */
  lan: Addr;
  /** `-wan-address` value form. */
  wan: Addr;
  /** `-bind-address` name → address. */
  bindAddresses: Readonly<Record<string, Addr>>;
  exposeServers: boolean;
  /** `-deregister-after-critical`, copied verbatim. */
  deregisterAfterCritical: string;
  /** Agent is dual-stack: the default check host is `::1`. */
  dualStack: boolean;
  /** Canonical IP addresses of the local interfaces. */
  localAddresses: readonly string[];
}

/** A JSON string as Go's `encoding/json` writes it (`<`, `>`, `&`, U+2028/9 escaped). */
function jsonString(s: string): string {
  return JSON.stringify(s.toWellFormed()).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Go's map-key order: byte order of the UTF-8 encodings. */
function byteOrder(a: string, b: string): number {
  const enc = new TextEncoder();
  const x = enc.encode(a);
  const y = enc.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/** An object from `[key, JSON text]` pairs, in the given order. */
function object(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${jsonString(k)}:${v}`).join(",")}}`;
}

function address(a: Addr): string {
  return object([["Address", jsonString(a.address)], ["Port", String(a.port)]]);
}

/** Proxy `Config` JSON text, or `undefined` for none; throws the LAN-bindability error. */
function proxyConfig(p: RegistrationParams): string | undefined {
  const names = Object.keys(p.bindAddresses).sort(byteOrder);
  if (names.length > 0) {
    const binds = object(names.map((n) => [n, address(p.bindAddresses[n])]));
    return object([
      ["envoy_gateway_bind_addresses", binds],
      ["envoy_gateway_no_default_bind", "true"],
    ]);
  }
  const lanBindable = canBind(p.lan, p.localAddresses);
  if (lanBindable && canBind(p.wan, p.localAddresses)) {
    return object([
      ["envoy_gateway_bind_tagged_addresses", "true"],
      ["envoy_gateway_no_default_bind", "true"],
    ]);
  }
  if (!lanBindable && p.lan.address !== "") {
    throw new CliError(
      `The LAN address ${
        goQuote(p.lan.address)
      } will not be bindable. Either set a bindable address or override the bind addresses with -bind-address`,
    );
  }
  return undefined;
}

function check(p: RegistrationParams): string {
  if (p.kind === "api-gateway") return "null";
  const host = p.lan.address !== "" ? p.lan.address : p.dualStack ? "::1" : "127.0.0.1";
  const entries: [string, string][] = [
    ["Name", jsonString(`${p.kind} listening`)],
    ["Interval", jsonString("10s")],
    ["TCP", jsonString(joinHostPort(host, p.lan.port))],
  ];
  if (p.deregisterAfterCritical !== "") {
    entries.push(["DeregisterCriticalServiceAfter", jsonString(p.deregisterAfterCritical)]);
  }
  return object(entries);
}

/**
 * The exact JSON body text (with trailing newline) registering the gateway.
 * Throws `CliError` `The LAN address "<a>" will not be bindable. …` when
 * `-address` names an address that is not local and no `-bind-address` is
 * given.
 */
export function buildRegistration(p: RegistrationParams): string {
  const config = proxyConfig(p);
  const entries: [string, string][] = [];
  if (p.kind !== "") entries.push(["Kind", jsonString(p.kind)]);
  if (p.proxyId !== "") entries.push(["ID", jsonString(p.proxyId)]);
  if (p.serviceName !== "") entries.push(["Name", jsonString(p.serviceName)]);
  if (p.lan.port !== 0) entries.push(["Port", String(p.lan.port)]);
  if (p.lan.address !== "") entries.push(["Address", jsonString(p.lan.address)]);
  const tagged: [string, string][] = [];
  if (p.lan.address !== "") tagged.push(["lan", address(p.lan)]);
  if (p.wan.address !== "") tagged.push(["wan", address(p.wan)]);
  if (tagged.length > 0) entries.push(["TaggedAddresses", object(tagged)]);
  if (p.exposeServers) {
    entries.push(["Meta", object([["consul-wan-federation", jsonString("1")]])]);
  }
  entries.push(["Check", check(p)]);
  entries.push(["Checks", "null"]);
  if (config !== undefined) {
    entries.push(["Proxy", object([["Config", config], ["MeshGateway", "{}"], ["Expose", "{}"]])]);
  }
  return object(entries) + "\n";
}
