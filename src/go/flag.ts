/**
 * A generic re-implementation of Go's `flag` package in `ContinueOnError`
 * mode, which Consul's commands use: the argument scanner, value syntax,
 * exact error texts and the default `Usage:` block. It knows nothing about
 * connect-envoy's flags; `src/cli/flags.ts` supplies the table.
 *
 * @module
 */

import { goQuote } from "./quote.ts";
import { parseGoBool } from "./parse_bool.ts";
import { parseGoInt } from "./parse_int.ts";
import { parseGoDuration } from "./duration.ts";

/**
 * How a flag's value is parsed:
 * `bool` (never consumes the next argument), `string`, `int` (Go integer
 * syntax, 64-bit), `duration` (Go duration syntax), `value` (a custom
 * string-valued type, optionally checked), `list` (a custom type whose
 * occurrences accumulate).
 */
export type GoFlagKind = "bool" | "string" | "int" | "duration" | "value" | "list";

/** One flag definition as the parser needs it. */
export interface GoFlagDef {
  /** Name without dashes (case-sensitive). */
  readonly name: string;
  readonly kind: GoFlagKind;
  /**
   * For non-boolean flags, an extra check run after the syntax check:
   * returns the reason a value is rejected (printed as
   * `invalid value "<v>" for flag -<name>: <reason>`), or `undefined`.
   */
  readonly check?: (value: string) => string | undefined;
}

/**
 * A parsed value: `bool` → boolean, `string`/`value` → string, `int` →
 * bigint, `duration` → nanoseconds (bigint), `list` → string[].
 */
export type GoFlagValue = boolean | string | bigint | string[];

/** Result of {@linkcode parseGoFlags}. */
export interface GoFlagParse {
  /** Values of the flags that were set (last occurrence wins; lists accumulate). */
  readonly values: ReadonlyMap<string, GoFlagValue>;
  /** The arguments left after flag parsing stopped (`--` itself removed). */
  readonly rest: string[];
}

/**
 * A flag-parse failure. `message` is Go's one-line error text; when
 * `helpRequested` is true (an undefined `-h`/`-help` flag, e.g. `-h=true`)
 * Go prints only the usage block and `message` is empty.
 */
export class GoFlagError extends Error {
  readonly helpRequested: boolean;
  constructor(message: string, helpRequested = false) {
    super(message);
    this.name = "GoFlagError";
    this.helpRequested = helpRequested;
  }
}

function invalidValue(value: string, name: string, reason: string): GoFlagError {
  return new GoFlagError(`invalid value ${goQuote(value)} for flag -${name}: ${reason}`);
}

/** Convert the text of a non-boolean flag; throws {@linkcode GoFlagError}. */
function convert(def: GoFlagDef, value: string): GoFlagValue {
  let converted: GoFlagValue = value;
  if (def.kind === "int") {
    const n = parseGoInt(value);
    if (!n.ok) throw invalidValue(value, def.name, n.error);
    converted = n.value;
  } else if (def.kind === "duration") {
    const d = parseGoDuration(value);
    if (d === undefined) throw invalidValue(value, def.name, "parse error");
    converted = d;
  }
  const reason = def.check?.(value);
  if (reason !== undefined) throw invalidValue(value, def.name, reason);
  return converted;
}

/**
 * Parse `argv` against `defs` with Go `flag` semantics: one or two dashes,
 * `-f=v` or `-f v` (the next argument is taken unconditionally), booleans
 * only as `-b` or `-b=v`, parsing stops at the first non-flag (a lone `-`
 * is a non-flag) or after `--` (which is dropped). Throws
 * {@linkcode GoFlagError} with Go's exact message.
 */
export function parseGoFlags(argv: readonly string[], defs: readonly GoFlagDef[]): GoFlagParse {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const values = new Map<string, GoFlagValue>();
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i];
    if (arg.length < 2 || arg[0] !== "-") break;
    let dashes = 1;
    if (arg[1] === "-") {
      dashes = 2;
      if (arg.length === 2) {
        i++;
        break;
      }
    }
    let name = arg.slice(dashes);
    if (name === "" || name[0] === "-" || name[0] === "=") {
      throw new GoFlagError(`bad flag syntax: ${arg}`);
    }
    i++;
    let value: string | undefined;
    const eq = name.indexOf("=", 1);
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const def = byName.get(name);
    if (def === undefined) {
      if (name === "help" || name === "h") throw new GoFlagError("", true);
      throw new GoFlagError(`flag provided but not defined: -${name}`);
    }
    if (def.kind === "bool") {
      if (value === undefined) {
        values.set(name, true);
      } else {
        const b = parseGoBool(value);
        if (b === undefined) {
          throw new GoFlagError(
            `invalid boolean value ${goQuote(value)} for -${name}: parse error`,
          );
        }
        values.set(name, b);
      }
      continue;
    }
    if (value === undefined) {
      if (i >= argv.length) throw new GoFlagError(`flag needs an argument: -${name}`);
      value = argv[i];
      i++;
    }
    const converted = convert(def, value);
    if (def.kind === "list") {
      const previous = values.get(name);
      values.set(name, [...(Array.isArray(previous) ? previous : []), converted as string]);
    } else {
      values.set(name, converted);
    }
  }
  return { values, rest: argv.slice(i) };
}

/** A flag as shown in Go's default usage block. */
export interface GoUsageEntry {
  readonly name: string;
  readonly kind: GoFlagKind;
  readonly usage: string;
  /** The default in its text form (`""`, `false`, `0`, `0s` are zero values). */
  readonly defValue: string;
}

/**
 * Go's `flag.UnquoteUsage`: the first back-quoted word of the usage text
 * (back-quotes removed from the text), else a word from the kind
 * (`""` for booleans).
 */
export function unquoteUsage(
  usage: string,
  kind: GoFlagKind,
): { word: string; usage: string } {
  const start = usage.indexOf("`");
  if (start >= 0) {
    const end = usage.indexOf("`", start + 1);
    if (end >= 0) {
      const word = usage.slice(start + 1, end);
      return { word, usage: usage.slice(0, start) + word + usage.slice(end + 1) };
    }
  }
  const words: Record<GoFlagKind, string> = {
    bool: "",
    string: "string",
    int: "int",
    duration: "duration",
    value: "value",
    list: "value",
  };
  return { word: words[kind], usage };
}

const ZERO_DEFAULTS: Record<GoFlagKind, readonly string[]> = {
  bool: ["false"],
  string: [""],
  int: ["0"],
  duration: ["0", "0s"],
  value: [""],
  list: [""],
};

/**
 * Go's default usage output (`Usage:` then `flag.PrintDefaults`): flags in
 * byte order, `  -name word`, then `\n    \t` and the usage text, plus
 * ` (default …)` for non-zero defaults (quoted for string flags). Ends with
 * `\n`.
 */
export function goUsageBlock(entries: readonly GoUsageEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = "Usage:\n";
  for (const e of sorted) {
    const { word, usage } = unquoteUsage(e.usage, e.kind);
    let line = `  -${e.name}`;
    if (word !== "") line += ` ${word}`;
    line += line.length <= 4 ? "\t" : "\n    \t";
    line += usage.replaceAll("\n", "\n    \t");
    if (!ZERO_DEFAULTS[e.kind].includes(e.defValue)) {
      line += e.kind === "string"
        ? ` (default ${goQuote(e.defValue)})`
        : ` (default ${e.defValue})`;
    }
    out += line + "\n";
  }
  return out;
}
