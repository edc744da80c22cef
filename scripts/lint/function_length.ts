/**
 * A `deno lint` plugin (registered in `deno.json`) that keeps functions
 * short enough to see whole: any function, method or arrow function longer
 * than {@linkcode MAX_FUNCTION_LINES} lines, counted from its first line to
 * its last, is reported with its name and length. Data tables are not
 * functions, so they are not measured. Only the program is held to it (files
 * under a `src/` folder); tests and scripts are not measured yet.
 *
 * @module
 */

/** The most lines a function may span. */
export const MAX_FUNCTION_LINES = 80;

type FunctionNode =
  | Deno.lint.FunctionDeclaration
  | Deno.lint.FunctionExpression
  | Deno.lint.ArrowFunctionExpression;

/** Whether `filename` is part of the program (under a `src/` folder). */
export function measured(filename: string): boolean {
  return /(^|[\\/])src[\\/]/.test(filename);
}

/** The name a reader would search for: the declaration's, or the variable or key it is bound to. */
function functionName(node: FunctionNode): string {
  if (node.type !== "ArrowFunctionExpression" && node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") {
    return parent.id.name;
  }
  if (parent.type === "Property" || parent.type === "MethodDefinition") {
    if (parent.key.type === "Identifier") return parent.key.name;
  }
  return "(anonymous)";
}

/** The plugin: one rule, `function-length/max-lines`. */
const plugin: Deno.lint.Plugin = {
  name: "function-length",
  rules: {
    "max-lines": {
      create(context) {
        if (!measured(context.filename)) return {};
        const text = context.sourceCode.text;
        const lineAt = (offset: number) => {
          let line = 1;
          for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
            line++;
          }
          return line;
        };
        const visit = (node: FunctionNode) => {
          const lines = lineAt(node.range[1]) - lineAt(node.range[0]) + 1;
          if (lines <= MAX_FUNCTION_LINES) return;
          context.report({
            node,
            message: `function ${functionName(node)} spans ${lines} lines ` +
              `(at most ${MAX_FUNCTION_LINES})`,
            hint: "split it into named steps that each do one job",
          });
        };
        return {
          FunctionDeclaration: visit,
          FunctionExpression: visit,
          ArrowFunctionExpression: visit,
        };
      },
    },
  },
};

export default plugin;
