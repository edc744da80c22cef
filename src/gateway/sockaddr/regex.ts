/**
 * Compiles Go (RE2) regular expressions as used by go-sockaddr selectors.
 * Common RE2 syntax maps directly onto JavaScript; leading `(?flags)` groups
 * and `\A`/`\z` are translated; constructs RE2 rejects (look-around,
 * back-references) are rejected too.
 *
 * @module
 */

/** Compiles `re`; throws `Error` with a reason when it is invalid or unsupported. */
export function compileGoRegex(re: string): RegExp {
  let flags = "";
  let body = re;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    if (lead[1].includes("U")) throw new Error("error parsing regexp: flag U is not supported");
    flags = [...new Set(lead[1])].join("");
    body = body.slice(lead[0].length);
  }
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const n = body[i + 1];
      if (n === undefined) {
        throw new Error("error parsing regexp: trailing backslash at end of expression");
      }
      if (n === "A") out += "^";
      else if (n === "z") out += "$(?![\\s\\S])";
      else if (/[1-9]/.test(n)) {
        throw new Error(`error parsing regexp: invalid escape sequence: \`\\${n}\``);
      } else out += c + n;
      i++;
      continue;
    }
    if (c === "(" && body[i + 1] === "?" && /^[=!<]/.test(body[i + 2] ?? "")) {
      if (!(body[i + 2] === "<" && /[A-Za-z_]/.test(body[i + 3] ?? ""))) {
        throw new Error(
          `error parsing regexp: invalid or unsupported Perl syntax: \`${body.slice(i, i + 3)}\``,
        );
      }
    }
    out += c;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new Error(`error parsing regexp: ${(e as Error).message}`);
  }
}
