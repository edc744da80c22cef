/**
 * The address-valued gateway flags `-address`, `-wan-address` and
 * `-bind-address`: template expansion,
 * `host:port` parsing with Consul's defaults and error texts, and the value /
 * string forms the registration and the ready listener use. Pure: the
 * go-sockaddr expansion is injected.
 *
 * @module
 */

import { CliError, errorText } from "../errors.ts";
import type { Options } from "../cli/options.ts";
import { AddrError, joinHostPort, MISSING_PORT, parseIp, splitHostPort } from "../go/net_ip.ts";
import { goQuote } from "../go/quote.ts";
import { isTemplate, templateResultProblem } from "./template_check.ts";

/** A gateway address as registered (`api.ServiceAddress`). */
export interface Addr {
  address: string;
  port: number;
}

/** Port used when an address value has none (or an empty one). */
export const DEFAULT_GATEWAY_PORT = 8443;

/** Expands a go-sockaddr template; throws with the template error text. */
export type ExpandTemplate = (text: string) => string;

/**
 * Go `strconv.Atoi`: optional sign, base-10 digits only, 64-bit range.
 * Throws `Error` with Go's text.
 */
function atoi(text: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    throw new Error(`strconv.Atoi: parsing ${goQuote(text)}: invalid syntax`);
  }
  const big = BigInt(text);
  if (big > 0x7fffffffffffffffn || big < -0x8000000000000000n) {
    throw new Error(`strconv.Atoi: parsing ${goQuote(text)}: value out of range`);
  }
  return Number(big);
}

/**
 * Parse one address value: expand the template, split
 * `host:port`; a bare IP gets port 8443, as does an empty port; hostnames
 * with a port are kept verbatim. Throws `Error` with Consul's text
 * (`Error parsing address "<x>": …`, `Error parsing port "<p>": …`).
 */
export function parseAddressValue(raw: string, expand: ExpandTemplate): Addr {
  let x: string;
  try {
    x = expand(raw);
  } catch (err) {
    throw new Error(`Error parsing address ${goQuote(raw)}: ${errorText(err)}`);
  }
  let address: string;
  let portText: string;
  try {
    ({ host: address, port: portText } = splitHostPort(x));
  } catch (err) {
    if (!(err instanceof AddrError) || err.reason !== MISSING_PORT) {
      throw new Error(`Error parsing address ${goQuote(x)}: ${errorText(err)}`);
    }
    // Go's strings.TrimSpace trims Unicode white space; JS trim() is close enough for IPs.
    x = x.trim();
    const ip = parseIp(x);
    if (ip === undefined || ip.zone !== undefined) {
      throw new Error(`Error parsing address ${goQuote(x)}: not an IP address`);
    }
    address = x;
    portText = String(DEFAULT_GATEWAY_PORT);
  }
  if (portText === "") portText = String(DEFAULT_GATEWAY_PORT);
  let port: number;
  try {
    port = atoi(portText);
  } catch (err) {
    throw new Error(`Error parsing port ${goQuote(portText)}: ${errorText(err)}`);
  }
  return { address, port };
}

/** The value form: unset or `{"" , 0}` ⇒ `{"", 8443}`. */
function valueOf(addr: Addr | undefined): Addr {
  if (addr === undefined || (addr.address === "" && addr.port === 0)) {
    return { address: "", port: DEFAULT_GATEWAY_PORT };
  }
  return addr;
}

function flagError(flag: string, value: string, reason: string): CliError {
  return new CliError(`invalid value ${goQuote(value)} for flag -${flag}: ${reason}`);
}

/** Names of the machine's network interfaces (for the hint when a template matched nothing). */
export type InterfaceNames = () => readonly string[];

/**
 * Parse `text` (the address part of flag value `value`), wrapping failures
 * in flag wording. A template's result must have a host, and an IPv6 result
 * must be bracketed before a port.
 */
function parseFlag(
  flag: string,
  value: string,
  text: string,
  expand: ExpandTemplate,
  interfaces: InterfaceNames,
): Addr {
  try {
    if (!isTemplate(text)) return parseAddressValue(text, (t) => t);
    let expanded: string;
    try {
      expanded = expand(text);
    } catch (err) {
      throw new Error(`Error parsing address ${goQuote(text)}: ${errorText(err)}`);
    }
    const problem = templateResultProblem(text, expanded, interfaces());
    if (problem !== undefined) throw new Error(problem);
    return parseAddressValue(expanded, (t) => t);
  } catch (err) {
    throw flagError(flag, value, errorText(err));
  }
}

/** The resolved address flags. */
export interface AddressFlags {
  /** `-address` value form (registration `Address`/`Port`, tagged `lan`). */
  lan: Addr;
  /** `-wan-address` value form (tagged `wan`). */
  wan: Addr;
  /** `-address` string form for the ingress ready listener (`:8443` when unset). */
  lanString: string;
  /** `-bind-address` name → value form (null-prototype object; later names overwrite). */
  bindAddresses: Record<string, Addr>;
}

/**
 * Parse `-address`, `-wan-address` and every `-bind-address name=addr`,
 * with Consul's defaults for what is left out. Failures are `CliError`s in Go's flag wording:
 * `invalid value "<v>" for flag -<name>: <reason>`. `expand` is called only
 * for values that hold a template (`{{`).
 */
export function resolveAddressFlags(
  options: Options,
  expand: ExpandTemplate,
  interfaces: InterfaceNames = () => [],
): AddressFlags {
  const lan = valueOf(
    options.address === undefined
      ? undefined
      : parseFlag("address", options.address, options.address, expand, interfaces),
  );
  const wan = valueOf(
    options.wanAddress === undefined
      ? undefined
      : parseFlag("wan-address", options.wanAddress, options.wanAddress, expand, interfaces),
  );
  const bindAddresses: Record<string, Addr> = Object.create(null);
  for (const raw of options.bindAddresses) {
    const eq = raw.indexOf("=");
    if (eq < 0) throw flagError("bind-address", raw, `Missing "=" in argument: ${raw}`);
    bindAddresses[raw.slice(0, eq)] = valueOf(
      parseFlag("bind-address", raw, raw.slice(eq + 1), expand, interfaces),
    );
  }
  return { lan, wan, lanString: joinHostPort(lan.address, lan.port), bindAddresses };
}
