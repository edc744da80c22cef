/**
 * Adapter from the Go `text/template` engine in `src/template/` to the
 * {@linkcode TemplateRenderer} used for custom bootstraps.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import type { TemplateRenderer } from "./custom_template.ts";

/** Render with the project's Go `text/template` engine. */
export const renderGoTemplate: TemplateRenderer = () => {
  // TEMPORARY until src/template/mod.ts lands.
  throw new CliError("envoy_bootstrap_json_tpl: template engine not available");
};
