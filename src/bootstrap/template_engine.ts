/**
 * Adapter from the Go `text/template` engine in `src/template/` to the
 * {@linkcode TemplateRenderer} used for custom bootstraps.
 *
 * @module
 */

import { parseTemplate } from "../template/mod.ts";
import type { TemplateRenderer } from "./custom_template.ts";

/** Parse and execute `text` with the project's Go `text/template` engine (throws `TemplateError`). */
export const renderGoTemplate: TemplateRenderer = (name, text, data) =>
  parseTemplate(name, text).execute(data);
