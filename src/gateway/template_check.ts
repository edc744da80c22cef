/**
 * Checks on what an address template (`-address`, `-wan-address`,
 * `-bind-address`) expanded to, so that a template that matched nothing
 * does not silently register a gateway without an address, and an IPv6
 * result written as `host:port` gets a hint about brackets. Pure.
 *
 * @module
 */

import { goQuote } from "../go/quote.ts";

/** Does the flag value contain a go-sockaddr template? */
export function isTemplate(text: string): boolean {
  return text.includes("{{");
}

function interfacesText(names: readonly string[]): string {
  return names.length === 0
    ? "no network interfaces found"
    : `interfaces here: ${names.join(", ")}`;
}

/** The host part of `text` in `host:port` or bare-host form (no validation). */
function hostOf(text: string): string {
  const t = text.trim();
  if (t.startsWith("[")) return t.slice(1, Math.max(1, t.indexOf("]")));
  const colons = t.split(":").length - 1;
  return colons === 1 ? t.slice(0, t.indexOf(":")) : t;
}

/**
 * Why the expansion `expanded` of template `template` cannot be used, or
 * `undefined` when it looks usable (the usual parsing then applies).
 * `interfaces` are the names of the machine's network interfaces.
 */
export function templateResultProblem(
  template: string,
  expanded: string,
  interfaces: readonly string[],
): string | undefined {
  const yields = `the template yields ${goQuote(expanded)}`;
  if (hostOf(expanded) === "") {
    return `${yields}, which has no host: it matched no address (${interfacesText(interfaces)})`;
  }
  const t = expanded.trim();
  if (!t.startsWith("[") && t.split(":").length - 1 >= 2) {
    const end = template.lastIndexOf("}}") + 2;
    const suffix = template.slice(end).trim();
    const port = /^:\d+$/.test(suffix) ? suffix : ":8443";
    return `${yields}, an IPv6 address: put the template in brackets before the port, e.g. ` +
      `[${template.slice(0, end).trim()}]${port}`;
  }
  return undefined;
}
