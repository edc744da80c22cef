/**
 * Resource limits for one template execution: a step budget (every node
 * walked, including each loop iteration, is a step) and a cap on the size
 * of the rendered text and of any single value a function returns. A
 * template that loops without end, or renders gigabytes, stops with a
 * {@linkcode TemplateError} instead of hanging or exhausting memory.
 *
 * @module
 */

import { TemplateError } from "./errors.ts";
import { sizeText } from "../units.ts";

/** Limits for one execution. */
export interface ExecLimits {
  /** Most nodes walked (each `range` iteration walks at least one). */
  maxSteps: number;
  /** Most UTF-16 code units in the output, and in any one function result. */
  maxOutputChars: number;
}

/**
 * Defaults, far above what real templates need: an Envoy bootstrap template
 * walks a few thousand nodes and renders well under 1 MiB. Ten million steps
 * take about a second; 16 Mi characters is the agent's response-size cap,
 * so a template that only copies its data never reaches it.
 */
export const DEFAULT_EXEC_LIMITS: ExecLimits = {
  maxSteps: 10_000_000,
  maxOutputChars: 16 * 1024 * 1024,
};

/**
 * The running budget and output of one execution. Output pieces are
 * joined in batches, so memory stays linear in the output however small
 * the pieces (one character per loop iteration).
 */
export class Budget {
  private steps = 0;
  private size = 0;
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  constructor(private readonly name: string, private readonly limits: ExecLimits) {}

  /** Count one step; throws once the step budget is spent. */
  step(): void {
    if (++this.steps > this.limits.maxSteps) {
      throw new TemplateError(
        `template: ${this.name}: execution stopped after ${this.limits.maxSteps} steps ` +
          `(a loop that does not end, or far more work than a template needs)`,
      );
    }
  }

  /** Throws when a single value is already larger than the output may be. */
  checkValue(value: unknown): void {
    if (typeof value === "string" && value.length > this.limits.maxOutputChars) {
      throw this.tooLarge("a value");
    }
  }

  /** Append output text; throws once the output exceeds its cap. */
  push(text: string): void {
    this.size += text.length;
    if (this.size > this.limits.maxOutputChars) throw this.tooLarge("the output");
    this.pieces.push(text);
    if (this.pieces.length >= 4096) this.flush();
  }

  /** Everything pushed so far, as one string. */
  text(): string {
    this.flush();
    return this.chunks.join("");
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
  }

  private tooLarge(what: string): TemplateError {
    return new TemplateError(
      `template: ${this.name}: ${what} grew larger than ${sizeText(this.limits.maxOutputChars)}`,
    );
  }
}
