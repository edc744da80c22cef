/**
 * A port of Go's `encoding/json.Indent(dst, src, "", "  ")`, which Consul
 * applies to every bootstrap it prints: validates JSON text and re-indents it
 * token by token — strings, numbers and literals are copied verbatim, leading
 * whitespace is dropped, whitespace after the top-level value is kept — and
 * fails with Go's scanner messages. Pure.
 *
 * @module
 */

import { goEscapeRune } from "./quote.ts";

/** A syntax error with Go's message text (e.g. `invalid character 'a' looking for beginning of value`). */
export class JsonSyntaxError extends Error {
  /** Number of input characters consumed when the error was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

const MAX_DEPTH = 10000;

// Scanner results, as in Go.
const CONTINUE = 0;
const BEGIN_LITERAL = 1;
const BEGIN_OBJECT = 2;
const OBJECT_KEY = 3;
const OBJECT_VALUE = 4;
const END_OBJECT = 5;
const BEGIN_ARRAY = 6;
const ARRAY_VALUE = 7;
const END_ARRAY = 8;
const SKIP_SPACE = 9;
const END = 10;
const ERROR = 11;

const PARSE_OBJECT_KEY = 0;
const PARSE_OBJECT_VALUE = 1;
const PARSE_ARRAY_VALUE = 2;

type Step = (s: Scanner, c: string) => number;

const isSpace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isDigit = (c: string) => c >= "0" && c <= "9";
const isHex = (c: string) => isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");

/** Go's `quoteChar`: how an offending byte is shown in messages. */
export function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  let cp = c.codePointAt(0)!;
  // Go scans bytes: a non-ASCII character is reported by its first UTF-8 byte.
  if (cp >= 0x80) cp = new TextEncoder().encode(c)[0];
  return `'${goEscapeRune(cp, "'")}'`;
}

class Scanner {
  step: Step = stateBeginValue;
  parseState: number[] = [];
  endTop = false;
  err: JsonSyntaxError | null = null;
  chars = 0;

  error(c: string, context: string): number {
    this.step = stateError;
    this.err = new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`, this.chars);
    return ERROR;
  }

  pushParseState(c: string, newState: number, ok: number): number {
    this.parseState.push(newState);
    if (this.parseState.length <= MAX_DEPTH) return ok;
    return this.error(c, "exceeded max depth");
  }

  popParseState(): void {
    this.parseState.pop();
    if (this.parseState.length === 0) {
      this.step = stateEndTop;
      this.endTop = true;
    } else {
      this.step = stateEndValue;
    }
  }

  eof(): number {
    if (this.err) return ERROR;
    if (this.endTop) return END;
    this.step(this, " ");
    if (this.endTop) return END;
    if (!this.err) this.err = new JsonSyntaxError("unexpected end of JSON input", this.chars);
    return ERROR;
  }
}

function stateBeginValueOrEmpty(s: Scanner, c: string): number {
  if (isSpace(c)) return SKIP_SPACE;
  if (c === "]") return stateEndValue(s, c);
  return stateBeginValue(s, c);
}

function stateBeginValue(s: Scanner, c: string): number {
  if (isSpace(c)) return SKIP_SPACE;
  switch (c) {
    case "{":
      s.step = stateBeginStringOrEmpty;
      return s.pushParseState(c, PARSE_OBJECT_KEY, BEGIN_OBJECT);
    case "[":
      s.step = stateBeginValueOrEmpty;
      return s.pushParseState(c, PARSE_ARRAY_VALUE, BEGIN_ARRAY);
    case '"':
      s.step = stateInString;
      return BEGIN_LITERAL;
    case "-":
      s.step = stateNeg;
      return BEGIN_LITERAL;
    case "0":
      s.step = state0;
      return BEGIN_LITERAL;
    case "t":
      s.step = literal("rue", "true");
      return BEGIN_LITERAL;
    case "f":
      s.step = literal("alse", "false");
      return BEGIN_LITERAL;
    case "n":
      s.step = literal("ull", "null");
      return BEGIN_LITERAL;
  }
  if (c >= "1" && c <= "9") {
    s.step = state1;
    return BEGIN_LITERAL;
  }
  return s.error(c, "looking for beginning of value");
}

function stateBeginStringOrEmpty(s: Scanner, c: string): number {
  if (isSpace(c)) return SKIP_SPACE;
  if (c === "}") {
    s.parseState[s.parseState.length - 1] = PARSE_OBJECT_VALUE;
    return stateEndValue(s, c);
  }
  return stateBeginString(s, c);
}

function stateBeginString(s: Scanner, c: string): number {
  if (isSpace(c)) return SKIP_SPACE;
  if (c === '"') {
    s.step = stateInString;
    return BEGIN_LITERAL;
  }
  return s.error(c, "looking for beginning of object key string");
}

function stateEndValue(s: Scanner, c: string): number {
  const n = s.parseState.length;
  if (n === 0) {
    s.step = stateEndTop;
    s.endTop = true;
    return stateEndTop(s, c);
  }
  if (isSpace(c)) {
    s.step = stateEndValue;
    return SKIP_SPACE;
  }
  switch (s.parseState[n - 1]) {
    case PARSE_OBJECT_KEY:
      if (c === ":") {
        s.parseState[n - 1] = PARSE_OBJECT_VALUE;
        s.step = stateBeginValue;
        return OBJECT_KEY;
      }
      return s.error(c, "after object key");
    case PARSE_OBJECT_VALUE:
      if (c === ",") {
        s.parseState[n - 1] = PARSE_OBJECT_KEY;
        s.step = stateBeginString;
        return OBJECT_VALUE;
      }
      if (c === "}") {
        s.popParseState();
        return END_OBJECT;
      }
      return s.error(c, "after object key:value pair");
    default:
      if (c === ",") {
        s.step = stateBeginValue;
        return ARRAY_VALUE;
      }
      if (c === "]") {
        s.popParseState();
        return END_ARRAY;
      }
      return s.error(c, "after array element");
  }
}

function stateEndTop(s: Scanner, c: string): number {
  if (!isSpace(c)) s.error(c, "after top-level value");
  return END;
}

function stateInString(s: Scanner, c: string): number {
  if (c === '"') {
    s.step = stateEndValue;
    return CONTINUE;
  }
  if (c === "\\") {
    s.step = stateInStringEsc;
    return CONTINUE;
  }
  if (c < " ") return s.error(c, "in string literal");
  return CONTINUE;
}

function stateInStringEsc(s: Scanner, c: string): number {
  if (c.length === 1 && 'bfnrt\\/"'.includes(c)) {
    s.step = stateInString;
    return CONTINUE;
  }
  if (c === "u") {
    s.step = hexStep(4);
    return CONTINUE;
  }
  return s.error(c, "in string escape code");
}

function hexStep(remaining: number): Step {
  return (s, c) => {
    if (!isHex(c)) return s.error(c, "in \\u hexadecimal character escape");
    s.step = remaining === 1 ? stateInString : hexStep(remaining - 1);
    return CONTINUE;
  };
}

function stateNeg(s: Scanner, c: string): number {
  if (c === "0") {
    s.step = state0;
    return CONTINUE;
  }
  if (c >= "1" && c <= "9") {
    s.step = state1;
    return CONTINUE;
  }
  return s.error(c, "in numeric literal");
}

function state1(s: Scanner, c: string): number {
  if (isDigit(c)) {
    s.step = state1;
    return CONTINUE;
  }
  return state0(s, c);
}

function state0(s: Scanner, c: string): number {
  if (c === ".") {
    s.step = stateDot;
    return CONTINUE;
  }
  if (c === "e" || c === "E") {
    s.step = stateE;
    return CONTINUE;
  }
  return stateEndValue(s, c);
}

function stateDot(s: Scanner, c: string): number {
  if (isDigit(c)) {
    s.step = stateDot0;
    return CONTINUE;
  }
  return s.error(c, "after decimal point in numeric literal");
}

function stateDot0(s: Scanner, c: string): number {
  if (isDigit(c)) return CONTINUE;
  if (c === "e" || c === "E") {
    s.step = stateE;
    return CONTINUE;
  }
  return stateEndValue(s, c);
}

function stateE(s: Scanner, c: string): number {
  if (c === "+" || c === "-") {
    s.step = stateESign;
    return CONTINUE;
  }
  return stateESign(s, c);
}

function stateESign(s: Scanner, c: string): number {
  if (isDigit(c)) {
    s.step = stateE0;
    return CONTINUE;
  }
  return s.error(c, "in exponent of numeric literal");
}

function stateE0(s: Scanner, c: string): number {
  if (isDigit(c)) return CONTINUE;
  return stateEndValue(s, c);
}

/** States for the rest of `true`/`false`/`null` after the first letter. */
function literal(rest: string, word: string): Step {
  return (s, c) => {
    if (c === rest[0]) {
      s.step = rest.length === 1 ? stateEndValue : literal(rest.slice(1), word);
      return CONTINUE;
    }
    return s.error(c, `in literal ${word} (expecting '${rest[0]}')`);
  };
}

function stateError(): number {
  return ERROR;
}

/** Thrown by {@linkcode indentJson} when the indented text would exceed its cap. */
export class IndentedTooLarge extends Error {
  constructor(readonly maxChars: number) {
    super(`the indented JSON grew larger than ${maxChars} characters`);
    this.name = "IndentedTooLarge";
  }
}

/**
 * Output in batches: pieces are joined every few thousand, so memory stays
 * linear in the output however small the pieces; the size is capped.
 */
class Output {
  private size = 0;
  private pieces: string[] = [];
  private readonly chunks: string[] = [];
  private readonly indents: string[] = [];

  constructor(private readonly maxChars: number) {}

  push(text: string): void {
    this.size += text.length;
    if (this.size > this.maxChars) throw new IndentedTooLarge(this.maxChars);
    this.pieces.push(text);
    if (this.pieces.length >= 4096) this.flush();
  }

  /** A line break and the indentation for depth `d` (strings cached per depth). */
  newline(d: number): void {
    const depth = Math.max(0, d);
    this.push(this.indents[depth] ??= "\n" + "  ".repeat(depth));
  }

  text(): string {
    this.flush();
    return this.chunks.join("");
  }

  private flush(): void {
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
  }
}

/**
 * Go's `json.Indent(src, "", "  ")`. Throws {@linkcode JsonSyntaxError}
 * with Go's message when `src` is not one valid JSON value (optionally
 * followed by whitespace), and {@linkcode IndentedTooLarge} when the result
 * would exceed `maxChars` characters (indentation grows with the nesting
 * depth, so the result can be much larger than `src`).
 */
export function indentJson(src: string, maxChars = Infinity): string {
  const scan = new Scanner();
  const out = new Output(maxChars);
  let needIndent = false;
  let depth = 0;
  const newline = (d: number) => out.newline(d);
  for (const c of src) {
    scan.chars++;
    const v = scan.step(scan, c);
    if (v === SKIP_SPACE) continue;
    if (v === ERROR) break;
    if (needIndent && v !== END_OBJECT && v !== END_ARRAY) {
      needIndent = false;
      depth++;
      newline(depth);
    }
    if (v === CONTINUE) {
      out.push(c);
      continue;
    }
    switch (c) {
      case "{":
      case "[":
        needIndent = true;
        out.push(c);
        break;
      case ",":
        out.push(c);
        newline(depth);
        break;
      case ":":
        out.push(": ");
        break;
      case "}":
      case "]":
        if (needIndent) {
          needIndent = false;
        } else {
          depth--;
          newline(depth);
        }
        out.push(c);
        break;
      default:
        out.push(c);
    }
  }
  if (scan.eof() === ERROR) throw scan.err!;
  return out.text();
}
