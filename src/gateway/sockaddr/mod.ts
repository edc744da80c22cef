/**
 * go-sockaddr address templates (`{{ GetPrivateIP }}`, `{{ GetInterfaceIP "eth0" }}`, …)
 * as accepted by `-address`, `-wan-address` and `-bind-address`.
 *
 * Everything works on an injected list of interface addresses; the thin
 * adapter over the host's interfaces is {@linkcode systemInterfaces}.
 *
 * @module
 */

import { type FuncMap, parseTemplate, TemplateError } from "../../template/mod.ts";
import { type IfAddr, type SockAddrIf, wrapAll } from "./ifaddr.ts";
import { attr, exclude, include, join, limit, math, offset, sort, unique } from "./ops.ts";
import { sourceFuncs } from "./sources.ts";
import { closestName } from "../../suggest.ts";

export type { IfAddr, IfFlag } from "./ifaddr.ts";
export { systemInterfaces } from "./system.ts";

/** Name of the template in error messages (as go-sockaddr names it). */
export const SOCKADDR_TEMPLATE_NAME = "sockaddr.Parse";

/** The go-sockaddr template functions over `ifaces`. */
export function sockaddrFuncs(ifaces: readonly IfAddr[]): FuncMap {
  return funcsFor(wrapAll(ifaces));
}

function funcsFor(all: readonly SockAddrIf[]): FuncMap {
  return {
    ...sourceFuncs(all),
    include,
    exclude,
    sort,
    unique,
    limit,
    offset,
    attr,
    join,
    math,
  };
}

/**
 * Renders `text` as a go-sockaddr template with dot = all addresses of
 * `ifaces`. Text without `{{` is returned unchanged. Throws TemplateError
 * (parse errors, unknown functions, bad selectors/regexes, …).
 */
export function expandSockaddrTemplate(text: string, ifaces: readonly IfAddr[]): string {
  if (!text.includes("{{")) return text;
  const all = wrapAll(ifaces);
  const funcs = funcsFor(all);
  try {
    return parseTemplate(SOCKADDR_TEMPLATE_NAME, text, funcs).execute(all);
  } catch (err) {
    const unknown = err instanceof TemplateError
      ? /function "([^"]+)" not defined/.exec(err.message)
      : null;
    const hint = unknown ? closestName(unknown[1], Object.keys(funcs)) : undefined;
    if (hint !== undefined) {
      throw new TemplateError(`${(err as Error).message} (did you mean "${hint}"?)`);
    }
    throw err;
  }
}
