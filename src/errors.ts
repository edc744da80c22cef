/**
 * Error types shared by every stage.
 *
 * Every failure the program reports to a user is a {@linkcode CliError}: its
 * `message` is printed verbatim as one line (or, rarely, a few lines) on
 * stderr and the process exits with `exitCode`. Anything that is *not* a
 * `CliError` reaching `main.ts` is a bug; it is still reported as one line,
 * never as a stack trace.
 *
 * @module
 */

/** A user-facing failure: printed as-is to stderr, then exit `exitCode`. */
export class CliError extends Error {
  /** Process exit status (1 for every error in the Consul contract). */
  readonly exitCode: number;
  /**
   * Extra text printed after the message (e.g. the flag usage block after a
   * parse error). Not part of the one-line contract.
   */
  readonly detail?: string;

  constructor(message: string, options: { exitCode?: number; detail?: string } = {}) {
    super(message);
    this.name = "CliError";
    this.exitCode = options.exitCode ?? 1;
    this.detail = options.detail;
  }
}

/** Wrap an unknown thrown value's text with a prefix, keeping CliError-ness. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Every failure is one line: line breaks inside a message (an agent's
 * multi-line error body, a list of Config errors) become single spaces.
 */
export function oneLine(message: string): string {
  return message.trim().replace(/\s*[\r\n]+\s*/g, " ");
}
