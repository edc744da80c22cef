/**
 * The program's entry point to the bootstrap builder: like
 * `generateBootstrapText` in `build.ts`, but the Go template engine is
 * imported only when the proxy has an `envoy_bootstrap_json_tpl`.
 *
 * @module
 */

import type { BootstrapInput } from "./input.ts";
import { type BootstrapDeps, buildParts, renderBuiltIn } from "./core.ts";

/** Build the bootstrap document text (see `generateBootstrapText`); throws CliError. */
export async function generateBootstrap(
  input: BootstrapInput,
  deps: BootstrapDeps = {},
): Promise<string> {
  const { parts, template } = buildParts(input, deps);
  if (template === "") return renderBuiltIn(input, parts);
  const [{ renderCustomTemplate, templateArgs }, { renderGoTemplate }] = await Promise.all([
    import("./custom_template.ts"),
    import("./template_engine.ts"),
  ]);
  return renderCustomTemplate(
    template,
    templateArgs(input, parts),
    deps.renderTemplate ?? renderGoTemplate,
  );
}
