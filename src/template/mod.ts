/**
 * A Go `text/template` engine: parse once, execute with any JS value as data.
 *
 * ```ts
 * const t = parseTemplate("bootstrap", '{"id": "{{ .ProxyID }}"}');
 * t.execute({ ProxyID: "web-sidecar" }); // {"id": "web-sidecar"}
 * ```
 *
 * Missing fields are errors (Go's `missingkey=error`), unknown functions are
 * parse errors, and every failure is a {@linkcode TemplateError} whose message
 * has Go's shape.
 *
 * @module
 */

import { BUILTINS } from "./builtins.ts";
import { TemplateError } from "./errors.ts";
import { execute, type TemplateFunc } from "./exec.ts";
import { DEFAULT_EXEC_LIMITS, type ExecLimits } from "./budget.ts";
import { parse } from "./parser.ts";

export { DEFAULT_EXEC_LIMITS, TemplateError };
export type { ExecLimits, TemplateFunc };

/** Functions made available to a template, by name (override builtins). */
export type FuncMap = Record<string, TemplateFunc>;

/** A parsed template, ready to execute any number of times. */
export interface Template {
  /**
   * Renders the template with `data` as dot (and `$`). Throws TemplateError,
   * also when the step budget or output cap of `limits` is exceeded.
   */
  execute(data: unknown, limits?: Partial<ExecLimits>): string;
}

/**
 * Parses `text` as a template called `name` (the name appears in error
 * messages). `funcs` adds functions to the builtins. Throws
 * {@linkcode TemplateError} on syntax errors and unknown functions.
 */
export function parseTemplate(name: string, text: string, funcs: FuncMap = {}): Template {
  const userFuncs: FuncMap = Object.assign(Object.create(null), funcs);
  let tree: ReturnType<typeof parse>;
  try {
    tree = parse(name, text, (fn) => Object.hasOwn(userFuncs, fn) || BUILTINS.has(fn));
  } catch (e) {
    // Nesting deep enough to exhaust the stack is an error in the template.
    if (e instanceof RangeError) {
      throw new TemplateError(`template: ${name}: nested too deeply to parse (${e.message})`);
    }
    throw e;
  }
  return {
    execute: (data: unknown, limits: Partial<ExecLimits> = {}) =>
      execute(tree, userFuncs, data, { ...DEFAULT_EXEC_LIMITS, ...limits }),
  };
}
