/**
 * Executor for parsed templates: walks the tree with a "dot" value and a
 * variable stack, producing text. Errors have Go's shape
 * `template: <name>:<line>:<col>: executing "<tmpl>" at <<node>>: <msg>`.
 *
 * @module
 */

import {
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  nodeString,
  type PipeNode,
  type TemplateCallNode,
  type VariableNode,
} from "./ast.ts";
import { type Builtin, BUILTINS } from "./builtins.ts";
import { TemplateError } from "./errors.ts";
import { Budget, DEFAULT_EXEC_LIMITS, type ExecLimits } from "./budget.ts";
import { formatValue } from "./format.ts";
import type { ParsedTemplates } from "./parser.ts";
import {
  goTypeName,
  isNil,
  isPlainObject,
  lookupField,
  mapGet,
  MISSING,
  sortedKeys,
  truth,
} from "./values.ts";

/** A user-supplied template function (may throw; the message is reported). */
export type TemplateFunc = (...args: unknown[]) => unknown;

/**
 * Deepest nesting of `{{template}}` calls. Go allows 100000, but here the
 * JavaScript stack runs out near 1000 nested calls, so the limit sits below
 * that and a template that calls itself without end gets Go's message.
 */
const MAX_DEPTH = 300;

class BreakSignal {}
class ContinueSignal {}

type AnyNode = Node | ArgNode | CommandNode;
type Final = unknown | typeof MISSING;

function contextString(n: AnyNode): string {
  switch (n.kind) {
    case "text":
      return n.text;
    case "list":
      return "";
    case "break":
    case "continue":
      return `{{${n.kind}}}`;
    case "if":
    case "with":
    case "range":
      return `{{${n.kind} ${nodeString(n.pipe)}}}`;
    case "template":
      return `{{template ${JSON.stringify(n.name)}${n.pipe ? " " + nodeString(n.pipe) : ""}}}`;
    default:
      return nodeString(n);
  }
}

/** Execution state for one template invocation. */
class State {
  private node: AnyNode | undefined;
  private vars: { name: string; value: unknown }[];

  constructor(
    private readonly tree: ParsedTemplates,
    private readonly name: string,
    private readonly funcs: Readonly<Record<string, TemplateFunc>>,
    private readonly out: Budget,
    dot: unknown,
    private readonly depth: number,
  ) {
    this.vars = [{ name: "$", value: dot }];
  }

  // ---- errors -----------------------------------------------------------

  private at(n: AnyNode): void {
    this.node = n;
  }

  private errorf(message: string): never {
    if (!this.node) {
      throw new TemplateError(`template: ${this.name}: ${message}`);
    }
    const pos = this.node.pos;
    const before = this.tree.text.slice(0, pos);
    const nl = before.lastIndexOf("\n");
    const col = nl < 0 ? pos : pos - (nl + 1);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    let context = contextString(this.node);
    if (context.length > 20) context = context.slice(0, 20) + "...";
    throw new TemplateError(
      `template: ${this.tree.parseName}:${line}:${col}: executing ${
        JSON.stringify(this.name)
      } at <${context}>: ${message}`,
    );
  }

  // ---- variables ------------------------------------------------------------

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) return this.vars[i].value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- walking ----------------------------------------------------------------

  walk(dot: unknown, node: Node): void {
    this.at(node);
    this.out.step();
    switch (node.kind) {
      case "text":
        this.out.push(node.text);
        return;
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "action": {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case "if":
      case "with":
        return this.walkIfOrWith(dot, node);
      case "range":
        return this.walkRange(dot, node);
      case "template":
        return this.walkTemplate(dot, node);
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
    }
  }

  private printValue(node: AnyNode, v: unknown): void {
    this.at(node);
    if (isNil(v)) {
      this.out.push("<no value>");
      return;
    }
    if (typeof v === "function") {
      this.errorf(`can't print ${contextString(node)} of type func`);
    }
    this.out.push(formatValue(v));
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (truth(val)) {
        this.walk(node.kind === "with" ? val : dot, node.list);
      } else if (node.elseList) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: unknown, node: BranchNode): void {
    this.at(node);
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    try {
      const val = this.evalPipeline(dot, node.pipe, false);
      const iterMark = this.vars.length;
      const one = (index: unknown, elem: unknown): boolean => {
        if (decl.length > 0) {
          const first = decl.length > 1 ? index : elem;
          if (node.pipe.isAssign) this.setVar(decl[0].ident[0], first);
          else this.vars.push({ name: decl[0].ident[0], value: first });
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.vars.push({ name: decl[1].ident[0], value: elem });
        }
        try {
          this.walk(elem, node.list);
        } catch (e) {
          if (e instanceof BreakSignal) return false;
          if (!(e instanceof ContinueSignal)) throw e;
        } finally {
          this.vars.length = iterMark;
        }
        return true;
      };
      let iterated = false;
      if (Array.isArray(val) || val instanceof Uint8Array) {
        for (let i = 0; i < val.length; i++) {
          iterated = true;
          if (!one(i, val[i])) break;
        }
      } else if (isPlainObject(val) || val instanceof Map) {
        for (const k of sortedKeys(val)) {
          iterated = true;
          if (!one(k, mapGet(val, k))) break;
        }
      } else if (typeof val === "number" && Number.isInteger(val)) {
        if (decl.length > 1) {
          this.at(node);
          this.errorf(`can't use ${val} to iterate over more than one variable`);
        }
        for (let i = 0; i < val; i++) {
          iterated = true;
          if (!one(i, i)) break;
        }
      } else if (!isNil(val)) {
        this.at(node);
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (!iterated && node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: unknown, node: TemplateCallNode): void {
    this.at(node);
    const list = this.tree.defs.get(node.name);
    if (!list) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    const inner = new State(this.tree, node.name, this.funcs, this.out, newDot, this.depth + 1);
    inner.walk(newDot, list);
  }

  // ---- evaluation ------------------------------------------------------------------

  private evalPipeline(dot: unknown, pipe: PipeNode, bindDecls = true): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    if (value === undefined) value = null;
    if (bindDecls) {
      for (const v of pipe.decl) {
        if (pipe.isAssign) this.setVar(v.ident[0], value);
        else this.vars.push({ name: v.ident[0], value });
      }
    }
    return value;
  }

  private notAFunction(args: ArgNode[] | null, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args![0])}`);
    }
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case "bool":
      case "number":
      case "string":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
    }
  }

  private evalArg(dot: unknown, n: ArgNode): unknown {
    this.at(n);
    switch (n.kind) {
      case "dot":
        return dot;
      case "nil":
        return null;
      case "field":
        return this.evalFieldNode(dot, n, [n], MISSING);
      case "variable":
        return this.evalVariableNode(dot, n, null, MISSING);
      case "pipe":
        return this.evalPipeline(dot, n);
      case "identifier":
        return this.evalFunction(dot, n, n, null, MISSING);
      case "chain":
        return this.evalChainNode(dot, n, null, MISSING);
      case "bool":
      case "number":
      case "string":
        return n.value;
    }
  }

  private evalFieldNode(dot: unknown, f: FieldNode, args: ArgNode[], final: Final): unknown {
    this.at(f);
    return this.evalFieldChain(dot, dot, f, f.ident, args, final);
  }

  private evalChainNode(
    dot: unknown,
    c: ChainNode,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    this.at(c);
    if (c.node.kind === "nil") this.errorf(`indirection through explicit nil in ${nodeString(c)}`);
    const receiver = this.evalArg(dot, c.node);
    return this.evalFieldChain(dot, receiver, c, c.field, args, final);
  }

  private evalVariableNode(
    dot: unknown,
    v: VariableNode,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: AnyNode,
    ident: string[],
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i], node, null, MISSING, receiver);
    }
    return this.evalField(dot, ident[n - 1], node, args, final, receiver);
  }

  private evalField(
    dot: unknown,
    name: string,
    node: AnyNode,
    args: ArgNode[] | null,
    final: Final,
    receiver: unknown,
  ): unknown {
    if (isNil(receiver)) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const found = lookupField(receiver, name);
    if (found.found && found.method) {
      return this.evalCall(dot, found.method, undefined, node, name, args, final);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (found.found) {
      if (hasArgs) {
        const isMap = isPlainObject(receiver) || receiver instanceof Map;
        this.errorf(
          isMap
            ? `${name} is not a method but has arguments`
            : `${name} has arguments but cannot be invoked as function`,
        );
      }
      return found.value;
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: AnyNode,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    this.at(node);
    const name = node.name;
    const user = Object.hasOwn(this.funcs, name) ? this.funcs[name] : undefined;
    if (user) return this.evalCall(dot, user, undefined, cmd, name, args, final);
    const builtin = BUILTINS.get(name);
    if (!builtin) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, builtin.fn, builtin, cmd, name, args, final);
  }

  private evalCall(
    dot: unknown,
    fn: TemplateFunc | Builtin["fn"],
    builtin: Builtin | undefined,
    node: AnyNode,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const argNodes = args ? args.slice(1) : [];
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    if (builtin) {
      if (builtin.max === undefined && numIn < builtin.min) {
        this.errorf(`wrong number of args for ${name}: want at least ${builtin.min} got ${numIn}`);
      }
      if (builtin.max !== undefined && (numIn < builtin.min || numIn > builtin.max)) {
        this.errorf(`wrong number of args for ${name}: want ${builtin.max} got ${numIn}`);
      }
      if (name === "and" || name === "or") {
        let v: unknown = null;
        for (const a of argNodes) {
          v = this.evalArg(dot, a);
          if (truth(v) === (name === "or")) return v;
        }
        return final !== MISSING ? final : v;
      }
    }
    const argv = argNodes.map((a) => this.evalArg(dot, a));
    if (final !== MISSING) argv.push(final);
    try {
      const result = builtin ? (fn as Builtin["fn"])(argv) : (fn as TemplateFunc)(...argv);
      this.out.checkValue(result);
      return result === undefined ? null : result;
    } catch (e) {
      if (e instanceof TemplateError && /^template: /.test(e.message)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * Executes the main tree of `tree` with `data` as dot; returns the text.
 * Throws {@linkcode TemplateError} on errors and when `limits` are exceeded.
 */
export function execute(
  tree: ParsedTemplates,
  funcs: Readonly<Record<string, TemplateFunc>>,
  data: unknown,
  limits: ExecLimits = DEFAULT_EXEC_LIMITS,
): string {
  const out = new Budget(tree.parseName, limits);
  const dot = data === undefined ? null : data;
  const state = new State(tree, tree.parseName, funcs, out, dot, 0);
  try {
    state.walk(dot, tree.root);
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    if (e instanceof RangeError) {
      throw new TemplateError(
        `template: ${tree.parseName}: exceeded maximum template depth (calls nested too deeply)`,
      );
    }
    throw e;
  }
  return out.text();
}
