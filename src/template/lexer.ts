/**
 * Tokeniser for Go `text/template` source (delimiters `{{` / `}}`).
 *
 * Produces the whole token list eagerly. A lexical error becomes a final
 * `error` token (as in Go, the parser reports it with its line number).
 *
 * @module
 */

/** Kinds of token produced by {@linkcode lex}. */
export type TokenType =
  | "text"
  | "leftDelim"
  | "rightDelim"
  | "space"
  | "identifier"
  | "keyword"
  | "field"
  | "variable"
  | "dot"
  | "nil"
  | "bool"
  | "number"
  | "char"
  | "charConstant"
  | "string"
  | "rawString"
  | "pipe"
  | "assign"
  | "declare"
  | "leftParen"
  | "rightParen"
  | "comment"
  | "error"
  | "eof";

/** One token: kind, source text (or error message), offset and 1-based line. */
export interface Token {
  type: TokenType;
  value: string;
  pos: number;
  line: number;
}

/** Action keywords (lexed as `keyword` tokens). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "range",
  "template",
  "with",
]);

const LEFT = "{{";
const RIGHT = "}}";
const LEFT_COMMENT = "/*";
const RIGHT_COMMENT = "*/";

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n";
}

/** Go's `isAlphaNumeric`: underscore, Unicode letter or digit. */
export function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && c !== "" && /^[_\p{L}\p{Nd}]$/u.test(c);
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === "-" && isSpace(s[at + 1]);
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at]) && s[at + 1] === "-";
}

function goRuneDescr(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  return `U+${hex} '${c}'`;
}

class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;

  constructor(private readonly input: string) {}

  run(): Token[] {
    let ok = this.lexText();
    while (ok) ok = this.lexInsideAction();
    return this.tokens;
  }

  private emit(type: TokenType): void {
    this.tokens.push({
      type,
      value: this.input.slice(this.start, this.pos),
      pos: this.start,
      line: this.startLine,
    });
    this.ignore();
  }

  /** Skip the pending text, keeping line accounting right. */
  private ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private error(message: string): false {
    this.tokens.push({ type: "error", value: message, pos: this.start, line: this.startLine });
    return false;
  }

  /** Next code point (or undefined at the end), advancing. */
  private next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1; // so backup() restores the end.
      return undefined;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const c = String.fromCodePoint(cp);
    this.pos += c.length;
    return c;
  }

  private backup(c: string | undefined): void {
    this.pos -= c === undefined ? 1 : c.length;
  }

  private peek(): string | undefined {
    const c = this.next();
    this.backup(c);
    return c;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(RIGHT, this.pos), trim: false };
  }

  private leftTrimLength(at: number): number {
    let n = 0;
    while (isSpace(this.input[at + n])) n++;
    return n;
  }

  /**
   * Emits the text up to the next action (handling comments in between).
   * Returns true when positioned inside an action, false at EOF or error.
   */
  private lexText(): boolean {
    for (;;) {
      const x = this.input.indexOf(LEFT, this.pos);
      if (x < 0) {
        this.pos = this.input.length;
        if (this.pos > this.start) this.emit("text");
        this.emit("eof");
        return false;
      }
      if (x > this.start) {
        this.pos = x;
        let trimLength = 0;
        if (hasLeftTrimMarker(this.input, x + LEFT.length)) {
          let i = x;
          while (i > this.start && isSpace(this.input[i - 1])) i--;
          trimLength = x - i;
        }
        this.pos = x - trimLength;
        if (this.pos > this.start) this.emit("text");
        this.pos = x;
        this.ignore();
      }
      // At the left delimiter.
      this.pos += LEFT.length;
      const trim = hasLeftTrimMarker(this.input, this.pos);
      const afterMarker = trim ? 2 : 0;
      if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
        this.pos += afterMarker;
        this.ignore();
        if (!this.lexComment()) return false;
        continue;
      }
      this.emit("leftDelim");
      this.pos += afterMarker;
      this.ignore();
      this.parenDepth = 0;
      return true;
    }
  }

  private lexComment(): boolean {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.error("unclosed comment");
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.error("comment ends before closing delimiter");
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.pos += this.leftTrimLength(this.pos);
    this.ignore();
    return true;
  }

  /** Lexes one item inside an action; returns false when done (EOF/error). */
  private lexInsideAction(): boolean {
    const { delim, trim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth !== 0) return this.error("unclosed left paren");
      if (trim) {
        this.pos += 2;
        this.ignore();
      }
      this.pos += RIGHT.length;
      this.emit("rightDelim");
      if (trim) {
        this.pos += this.leftTrimLength(this.pos);
        this.ignore();
      }
      return this.lexText();
    }
    const c = this.next();
    if (c === undefined) {
      this.pos = this.input.length;
      return this.error("unclosed action");
    }
    if (isSpace(c)) {
      this.backup(c);
      return this.lexSpace();
    }
    switch (c) {
      case "=":
        this.emit("assign");
        return true;
      case ":":
        if (this.next() !== "=") return this.error("expected :=");
        this.emit("declare");
        return true;
      case "|":
        this.emit("pipe");
        return true;
      case '"':
        return this.lexQuote();
      case "`":
        return this.lexRawQuote();
      case "$":
        return this.lexFieldOrVariable("variable");
      case "'":
        return this.lexChar();
      case "(":
        this.emit("leftParen");
        this.parenDepth++;
        return true;
      case ")":
        this.emit("rightParen");
        this.parenDepth--;
        if (this.parenDepth < 0) return this.error("unexpected right paren");
        return true;
    }
    if (c === ".") {
      const n = this.input[this.pos];
      if (n === undefined || n < "0" || n > "9") return this.lexFieldOrVariable("field");
    }
    if (c === "." || c === "+" || c === "-" || (c >= "0" && c <= "9")) {
      this.backup(c);
      return this.lexNumber();
    }
    if (isAlphaNumeric(c)) {
      this.backup(c);
      return this.lexIdentifier();
    }
    const cp = c.codePointAt(0)!;
    if (cp >= 0x20 && cp < 0x7f) {
      this.emit("char");
      return true;
    }
    return this.error(`unrecognized character in action: ${goRuneDescr(c)}`);
  }

  private lexSpace(): boolean {
    let numSpaces = 0;
    while (isSpace(this.input[this.pos])) {
      this.pos++;
      numSpaces++;
    }
    if (
      hasRightTrimMarker(this.input, this.pos - 1) &&
      this.input.startsWith(RIGHT, this.pos - 1 + 2)
    ) {
      this.pos--; // leave the space before " -}}" to the delimiter.
      if (numSpaces === 1) return true;
    }
    this.emit("space");
    return true;
  }

  private atTerminator(): boolean {
    const c = this.input[this.pos];
    if (c === undefined || isSpace(c)) return true;
    if (".,|:)(".includes(c)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  /** Consume alphanumerics; the word must end at a terminator (else a lex error). */
  private scanWord(): boolean {
    let c: string | undefined;
    for (;;) {
      c = this.next();
      if (!isAlphaNumeric(c)) {
        this.backup(c);
        break;
      }
    }
    if (!this.atTerminator()) return this.error(`bad character ${goRuneDescr(c ?? "")}`);
    return true;
  }

  private lexIdentifier(): boolean {
    if (!this.scanWord()) return false;
    const word = this.input.slice(this.start, this.pos);
    if (KEYWORDS.has(word)) this.emit("keyword");
    else if (word === "nil") this.emit("nil");
    else if (word === "true" || word === "false") this.emit("bool");
    else this.emit("identifier");
    return true;
  }

  /** Called just after the leading `.` or `$` was consumed. */
  private lexFieldOrVariable(type: "field" | "variable"): boolean {
    if (this.atTerminator()) {
      this.emit(type === "variable" ? "variable" : "dot");
      return true;
    }
    if (!this.scanWord()) return false;
    this.emit(type);
    return true;
  }

  private lexQuote(): boolean {
    return this.lexQuoted('"', "unterminated quoted string", "string");
  }

  private lexRawQuote(): boolean {
    const x = this.input.indexOf("`", this.pos);
    if (x < 0) return this.error("unterminated raw quoted string");
    this.pos = x + 1;
    this.emit("rawString");
    return true;
  }

  private lexChar(): boolean {
    return this.lexQuoted("'", "unterminated character constant", "charConstant");
  }

  /** Scan to the closing `quote` (backslash escapes, no newline inside), then emit. */
  private lexQuoted(quote: string, unterminated: string, type: "string" | "charConstant"): boolean {
    for (;;) {
      let c = this.next();
      if (c === "\\") {
        c = this.next();
        if (c !== undefined && c !== "\n") continue;
      }
      if (c === undefined || c === "\n") return this.error(unterminated);
      if (c === quote) break;
    }
    this.emit(type);
    return true;
  }

  private lexNumber(): boolean {
    if (!this.scanNumber()) {
      return this.error(
        `bad number syntax: ${JSON.stringify(this.input.slice(this.start, this.pos))}`,
      );
    }
    const sign = this.input[this.pos];
    if (sign === "+" || sign === "-") {
      // Complex constant such as 1+2i.
      if (!this.scanNumber() || this.input[this.pos - 1] !== "i") {
        return this.error(
          `bad number syntax: ${JSON.stringify(this.input.slice(this.start, this.pos))}`,
        );
      }
    }
    this.emit("number");
    return true;
  }

  private accept(valid: string): boolean {
    const c = this.input[this.pos];
    if (c !== undefined && valid.includes(c)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  private scanNumber(): boolean {
    this.accept("+-");
    let digits = "0123456789_";
    if (this.accept("0")) {
      if (this.accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (this.accept("oO")) digits = "01234567_";
      else if (this.accept("bB")) digits = "01_";
    }
    this.acceptRun(digits);
    if (this.accept(".")) this.acceptRun(digits);
    if (digits.length === 11 && this.accept("eE")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    if (digits.length === 23 && this.accept("pP")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    this.accept("i");
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Tokenises `input`; the list ends with an `eof` or an `error` token. */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}
