/**
 * Making text that came from the agent (or from any server at the agent's
 * address) safe to print: terminal escape sequences and control characters
 * removed, line breaks and tabs turned into spaces, and the result cut to a
 * bounded length.
 *
 * @module
 */

/** Longest agent text quoted in a message. */
export const MAX_QUOTED_CHARS = 500;

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings
// (up to BEL or ESC \), and two-character escapes; the 8-bit CSI/OSC forms too.
const ESCAPES =
  // deno-lint-ignore no-control-regex -- control characters are what this matches
  /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|[\x1b][\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[\x9d\x90\x98\x9e\x9f][\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[\s\S]?/g;
// Remaining C0/C1 controls, DEL, and bidirectional-override characters.
// deno-lint-ignore no-control-regex -- control characters are what this matches
const CONTROLS = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without escapes or controls, whitespace controls as spaces, trimmed, cut to `max` chars. */
export function sanitizeText(text: string, max = MAX_QUOTED_CHARS): string {
  const clean = text.replace(ESCAPES, "").replace(/[\t\n\r\f\v]+/g, " ").replace(CONTROLS, "")
    .trim();
  if (clean.length <= max) return clean;
  return clean.slice(0, max).replace(/[\ud800-\udbff]$/, "") + "…";
}
