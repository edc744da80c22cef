/**
 * The single error type of the template engine.
 *
 * @module
 */

/**
 * A template parse or execution failure. The message already has Go's shape,
 * e.g. `template: bootstrap:7: unexpected "}" in operand` or
 * `template: bootstrap:3:14: executing "bootstrap" at <.Foo>: can't evaluate field Foo in type …`.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}
