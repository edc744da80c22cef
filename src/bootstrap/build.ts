/**
 * Synchronous entry point of the pure bootstrap builder
 * (`../shared/spec/bootstrap.md`): turns a {@linkcode BootstrapInput} into the
 * Envoy bootstrap document text, either the built-in layout or a custom
 * `envoy_bootstrap_json_tpl`. It loads the template engine statically; the
 * program itself uses `generate.ts`, which loads it only when needed.
 *
 * @module
 */

import type { BootstrapInput } from "./input.ts";
import { type BootstrapDeps, buildParts, renderBuiltIn } from "./core.ts";
import { renderCustomTemplate, templateArgs } from "./custom_template.ts";
import { renderGoTemplate } from "./template_engine.ts";

export { type BootstrapDeps, buildParts, NO_CA_MESSAGE, renderBuiltIn } from "./core.ts";

/** Build the bootstrap document text: ends with "}\n" for the built-in layout; throws CliError. */
export function generateBootstrapText(input: BootstrapInput, deps: BootstrapDeps = {}): string {
  const { parts, template } = buildParts(input, deps);
  if (template !== "") {
    return renderCustomTemplate(
      template,
      templateArgs(input, parts),
      deps.renderTemplate ?? renderGoTemplate,
    );
  }
  return renderBuiltIn(input, parts);
}
