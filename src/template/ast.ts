/**
 * Parse-tree node types of the template engine, plus Go-style rendering of
 * nodes back to source (used for the `at <…>` part of execution errors).
 *
 * @module
 */

/** Fields every node has: its byte offset in the template source. */
interface Base {
  pos: number;
}

/** Literal text between actions. */
export interface TextNode extends Base {
  kind: "text";
  text: string;
}

/** `{{pipeline}}`: evaluates and prints unless it declares variables. */
export interface ActionNode extends Base {
  kind: "action";
  line: number;
  pipe: PipeNode;
}

/** `{{if}}`, `{{with}}` or `{{range}}` with an optional else branch. */
export interface BranchNode extends Base {
  kind: "if" | "with" | "range";
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}

/** `{{break}}` / `{{continue}}` inside a range. */
export interface LoopControlNode extends Base {
  kind: "break" | "continue";
}

/** `{{template "name" pipeline}}`. */
export interface TemplateCallNode extends Base {
  kind: "template";
  line: number;
  name: string;
  pipe?: PipeNode;
}

/** A sequence of nodes. */
export interface ListNode extends Base {
  kind: "list";
  nodes: Node[];
}

/** A pipeline with optional variable declarations / assignments. */
export interface PipeNode extends Base {
  kind: "pipe";
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}

/** One stage of a pipeline: an operand followed by arguments. */
export interface CommandNode extends Base {
  kind: "command";
  args: ArgNode[];
}

/** A function name. */
export interface IdentifierNode extends Base {
  kind: "identifier";
  name: string;
}

/** `$x` or `$x.A.B` (ident[0] is the variable name including `$`). */
export interface VariableNode extends Base {
  kind: "variable";
  ident: string[];
}

/** `.` */
export interface DotNode extends Base {
  kind: "dot";
}

/** `nil` */
export interface NilNode extends Base {
  kind: "nil";
}

/** `.A.B` (ident = ["A", "B"]). */
export interface FieldNode extends Base {
  kind: "field";
  ident: string[];
}

/** `(pipeline).A.B` or similar: a term followed by field accesses. */
export interface ChainNode extends Base {
  kind: "chain";
  node: ArgNode;
  field: string[];
}

/** `true` / `false` */
export interface BoolNode extends Base {
  kind: "bool";
  value: boolean;
}

/** A number or character constant. */
export interface NumberNode extends Base {
  kind: "number";
  value: number;
  text: string;
}

/** A quoted or raw string (text is the source form, value the unquoted one). */
export interface StringNode extends Base {
  kind: "string";
  value: string;
  text: string;
}

/** Anything that can be a command argument. */
export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** Any node that can appear in a list. */
export type Node =
  | TextNode
  | ActionNode
  | BranchNode
  | LoopControlNode
  | TemplateCallNode
  | ListNode;

/** Renders an argument-like node back to source form (as Go's `String()`). */
export function nodeString(n: ArgNode | CommandNode | ActionNode): string {
  switch (n.kind) {
    case "identifier":
      return n.name;
    case "variable":
      return n.ident.join(".");
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "field":
      return n.ident.map((f) => "." + f).join("");
    case "chain": {
      const inner = n.node.kind === "pipe" ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.field.map((f) => "." + f).join("");
    }
    case "bool":
      return String(n.value);
    case "number":
    case "string":
      return n.text;
    case "pipe": {
      let s = "";
      if (n.decl.length > 0) {
        s = n.decl.map(nodeString).join(", ") + (n.isAssign ? " = " : " := ");
      }
      return s + n.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return n.args.map((a) => a.kind === "pipe" ? `(${nodeString(a)})` : nodeString(a)).join(
        " ",
      );
    case "action":
      return `{{${nodeString(n.pipe)}}}`;
  }
}
