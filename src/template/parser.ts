/**
 * Parser for Go `text/template` source: turns tokens into a tree, checks
 * that every function and variable used is defined, and collects
 * `{{define}}`/`{{block}}` templates.
 *
 * @module
 */

import type {
  ArgNode,
  BranchNode,
  CommandNode,
  ListNode,
  Node,
  PipeNode,
  TemplateCallNode,
  VariableNode,
} from "./ast.ts";
import { TemplateError } from "./errors.ts";
import { lex, type Token } from "./lexer.ts";
import { parseNumber, unquoteChar, unquoteString } from "./literals.ts";

/** Result of parsing: the main tree and any named templates defined in it. */
export interface ParsedTemplates {
  /** Name used in error locations (`template: <parseName>:<line>: …`). */
  parseName: string;
  /** The template source (for computing error columns). */
  text: string;
  root: ListNode;
  defs: Map<string, ListNode>;
}

type EndOrElse = { kind: "end" | "else"; pos: number; line: number };

class Parser {
  private i = 0;
  private cur: Token;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;
  readonly defs = new Map<string, ListNode>();

  constructor(
    private readonly name: string,
    private readonly tokens: Token[],
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.cur = tokens[0];
  }

  // ---- token access -------------------------------------------------------

  private next(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    if (this.i < this.tokens.length) this.i++;
    this.cur = t;
    return t;
  }

  private backup(n = 1): void {
    this.i -= n;
  }

  private peek(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    this.cur = t;
    return t;
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === "space") t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // ---- errors ---------------------------------------------------------------

  private errorf(message: string): never {
    throw new TemplateError(`template: ${this.name}:${this.cur.line}: ${message}`);
  }

  private unexpected(t: Token, context: string): never {
    if (t.type === "error") {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.value.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(t.value + extra);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  private expect(type: Token["type"], context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  // ---- structure ------------------------------------------------------------

  parse(): ListNode {
    const root: ListNode = { kind: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        this.next();
        const t = this.nextNonSpace();
        if (t.type === "keyword" && t.value === "define") {
          this.parseDefinition();
          continue;
        }
        // Back up to the delimiter.
        while (this.tokens[this.i - 1].type !== "leftDelim") this.i--;
        this.i--;
      }
      const n = this.textOrAction();
      if ("kind" in n && (n.kind === "end" || n.kind === "else")) {
        this.errorf(`unexpected {{${n.kind}}}`);
      }
      root.nodes.push(n as Node);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = "define clause";
    const nameTok = this.nextNonSpace();
    const name = this.templateName(nameTok, context);
    this.expect("rightDelim", context);
    const savedVars = this.vars;
    this.vars = ["$"];
    const [list, end] = this.itemList();
    this.vars = savedVars;
    if (end.kind !== "end") this.errorf(`unexpected {{${end.kind}}} in ${context}`);
    this.addDefinition(name, list);
  }

  private addDefinition(name: string, list: ListNode): void {
    const existing = this.defs.get(name);
    if (existing && !isEmptyList(existing) && !isEmptyList(list)) {
      this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`);
    }
    if (!existing || !isEmptyList(list)) this.defs.set(name, list);
  }

  private itemList(): [ListNode, EndOrElse] {
    const list: ListNode = { kind: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (n.kind === "end" || n.kind === "else") return [list, n as EndOrElse];
      list.nodes.push(n as Node);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): Node | EndOrElse {
    const t = this.nextNonSpace();
    switch (t.type) {
      case "text":
        return { kind: "text", pos: t.pos, text: t.value };
      case "leftDelim": {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(t, "input");
    }
  }

  private action(): Node | EndOrElse {
    const t = this.nextNonSpace();
    if (t.type === "keyword") {
      switch (t.value) {
        case "block":
          return this.blockControl();
        case "break":
        case "continue":
          return this.loopControl(t);
        case "else":
          return this.elseControl();
        case "end": {
          const e = this.expect("rightDelim", "end");
          return { kind: "end", pos: e.pos, line: e.line };
        }
        case "if":
        case "range":
        case "with":
          return this.branchControl(t.value);
        case "template":
          return this.templateControl();
        case "define":
          this.errorf("unexpected <define> in command");
      }
    }
    this.backup();
    const start = this.peek();
    return {
      kind: "action",
      pos: start.pos,
      line: start.line,
      pipe: this.pipeline("command", "rightDelim"),
    };
  }

  private loopControl(t: Token): Node {
    const kind = t.value as "break" | "continue";
    this.expect("rightDelim", `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { kind, pos: t.pos };
  }

  private elseControl(): EndOrElse {
    const p = this.peekNonSpace();
    if (p.type === "keyword" && (p.value === "if" || p.value === "with")) {
      return { kind: "else", pos: p.pos, line: p.line };
    }
    const t = this.expect("rightDelim", "else");
    return { kind: "else", pos: t.pos, line: t.line };
  }

  private branchControl(context: "if" | "range" | "with"): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, "rightDelim");
      if (context === "range") this.rangeDepth++;
      let list: ListNode;
      let next: EndOrElse;
      try {
        [list, next] = this.itemList();
      } finally {
        if (context === "range") this.rangeDepth--;
      }
      let elseList: ListNode | undefined;
      if (next.kind === "else") {
        const p = this.peek();
        if (context !== "range" && p.type === "keyword" && p.value === context) {
          this.next();
          elseList = { kind: "list", pos: next.pos, nodes: [this.branchControl(context)] };
        } else {
          let end: EndOrElse;
          [elseList, end] = this.itemList();
          if (end.kind !== "end") this.errorf(`expected end; found {{${end.kind}}}`);
        }
      }
      return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private templateName(t: Token, context: string): string {
    if (t.type === "string" || t.type === "rawString") {
      try {
        return unquoteString(t.value);
      } catch (e) {
        this.errorf((e as Error).message);
      }
    }
    this.unexpected(t, context);
  }

  private templateControl(): TemplateCallNode {
    const context = "template clause";
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== "rightDelim") {
      this.backup();
      pipe = this.pipeline(context, "rightDelim");
    }
    return { kind: "template", pos: t.pos, line: t.line, name, pipe };
  }

  private blockControl(): TemplateCallNode {
    const context = "block clause";
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, "rightDelim");
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ["$"];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    if (end.kind !== "end") this.errorf(`unexpected {{${end.kind}}} in ${context}`);
    this.addDefinition(name, list);
    return { kind: "template", pos: t.pos, line: t.line, name, pipe };
  }

  // ---- pipelines --------------------------------------------------------------

  private pipeline(context: string, end: "rightDelim" | "rightParen"): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: "pipe",
      pos: first.pos,
      line: first.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    // Declarations / assignments.
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== "variable") break;
      this.nextNonSpace();
      const save = this.i;
      const next = this.peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.nextNonSpace();
        pipe.decl.push({ kind: "variable", pos: v.pos, ident: [v.value] });
        this.vars.push(v.value);
        break;
      }
      if (next.type === "char" && next.value === ",") {
        this.nextNonSpace();
        pipe.decl.push({ kind: "variable", pos: v.pos, ident: [v.value] });
        this.vars.push(v.value);
        if (context === "range" && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.type === "variable" || p.type === "rightDelim" || p.type === "rightParen") {
            continue;
          }
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable is an operand.
      this.i = save - 1;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case "bool":
        case "charConstant":
        case "dot":
        case "field":
        case "identifier":
        case "number":
        case "nil":
        case "rawString":
        case "string":
        case "variable":
        case "leftParen":
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0].kind;
      if (k === "bool" || k === "dot" || k === "nil" || k === "number" || k === "string") {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === "space") continue;
      if (t.type === "rightDelim" || t.type === "rightParen") this.backup();
      else if (t.type !== "pipe") this.unexpected(t, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== "field") return node;
    const fields: string[] = [];
    while (this.peek().type === "field") fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case "field":
        return { kind: "field", pos: node.pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { kind: "variable", pos: node.pos, ident: [...node.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.errorf(`unexpected . after term ${JSON.stringify(termText(node))}`);
        break;
      default:
        return { kind: "chain", pos: node.pos, node, field: fields };
    }
  }

  private term(): ArgNode | undefined {
    const t = this.nextNonSpace();
    switch (t.type) {
      case "identifier":
        if (!this.hasFunction(t.value)) {
          this.errorf(`function ${JSON.stringify(t.value)} not defined`);
        }
        return { kind: "identifier", pos: t.pos, name: t.value };
      case "dot":
        return { kind: "dot", pos: t.pos };
      case "nil":
        return { kind: "nil", pos: t.pos };
      case "variable":
        return this.useVar(t);
      case "field":
        return { kind: "field", pos: t.pos, ident: [t.value.slice(1)] };
      case "bool":
        return { kind: "bool", pos: t.pos, value: t.value === "true" };
      case "charConstant":
      case "number":
        try {
          const value = t.type === "number" ? parseNumber(t.value) : unquoteChar(t.value);
          return { kind: "number", pos: t.pos, value, text: t.value };
        } catch (e) {
          this.errorf((e as Error).message);
        }
        break;
      case "leftParen":
        return this.pipeline("parenthesized pipeline", "rightParen");
      case "string":
      case "rawString":
        try {
          return { kind: "string", pos: t.pos, value: unquoteString(t.value), text: t.value };
        } catch (e) {
          this.errorf((e as Error).message);
        }
    }
    this.backup();
    return undefined;
  }

  private useVar(t: Token): VariableNode {
    const ident = t.value.split(".");
    if (!this.vars.includes(ident[0])) {
      this.errorf(`undefined variable ${JSON.stringify(ident[0])}`);
    }
    return { kind: "variable", pos: t.pos, ident };
  }
}

function termText(n: ArgNode): string {
  switch (n.kind) {
    case "bool":
      return String(n.value);
    case "string":
    case "number":
      return n.text;
    case "nil":
      return "nil";
    default:
      return ".";
  }
}

function isEmptyList(list: ListNode): boolean {
  return list.nodes.every((n) => n.kind === "text" && n.text.trim() === "");
}

/** Go's rendering of a token in "unexpected …" messages. */
function tokenString(t: Token): string {
  switch (t.type) {
    case "eof":
      return "EOF";
    case "error":
      return t.value;
    case "keyword":
      return `<${t.value}>`;
  }
  if (t.value.length > 10) return `${JSON.stringify(t.value.slice(0, 10))}...`;
  return JSON.stringify(t.value);
}

/**
 * Parses `text` as a template named `name`. `hasFunction` says whether an
 * identifier names a known function (builtins or user functions).
 * Throws {@linkcode TemplateError} with Go's `template: <name>:<line>: …` shape.
 */
export function parse(
  name: string,
  text: string,
  hasFunction: (fn: string) => boolean,
): ParsedTemplates {
  const p = new Parser(name, lex(text), hasFunction);
  const root = p.parse();
  return { parseName: name, text, root, defs: p.defs };
}
