/**
 * Rendering the doctor's results: the human report (grouped, one line per
 * check with a mark, the hint underneath) and the JSON document, plus the
 * exit status. Pure; the caller redacts secrets and writes.
 *
 * @module
 */

import { CHECK_GROUPS, type CheckResult, type CheckStatus } from "./types.ts";

/** Marks per status: Unicode by default, words where only ASCII is safe. */
export const MARKS: Record<"unicode" | "ascii", Record<CheckStatus, string>> = {
  unicode: { pass: "✓", warn: "!", fail: "✗", skip: "-" },
  ascii: { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP" },
};

/** Which marks to use: ASCII words on a terminal that declares itself dumb. */
export function markStyle(env: Record<string, string | undefined>): "unicode" | "ascii" {
  return env.TERM === "dumb" ? "ascii" : "unicode";
}

/** 0 when nothing failed (warnings allowed), 1 when any check failed. */
export function exitStatus(results: readonly CheckResult[]): number {
  return results.some((r) => r.status === "fail") ? 1 : 0;
}

/** `{"checks":[{id,status,message,hint}]}` in report order, with a final newline. */
export function renderJson(results: readonly CheckResult[]): string {
  const checks = results.map(({ id, status, message, hint }) => ({ id, status, message, hint }));
  return JSON.stringify({ checks }, null, 2) + "\n";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The closing line: how many checks passed, warned, failed, were skipped. */
export function summaryLine(results: readonly CheckResult[]): string {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return `${count("pass")} passed, ${plural(count("warn"), "warning")}, ` +
    `${count("fail")} failed, ${count("skip")} skipped`;
}

/**
 * The human report: `title`, then each group with its checks in order
 * (`<mark> <id>  <message>`, the hint on the next line), then the summary.
 * Results whose id is in no group are listed under "Other".
 */
export function renderText(
  title: string,
  results: readonly CheckResult[],
  style: "unicode" | "ascii" = "unicode",
): string {
  const marks = MARKS[style];
  const width = Math.max(...results.map((r) => r.id.length), 0) + 2;
  const indent = " ".repeat(2 + marks.pass.length + 1 + width);
  const lines = [title, ""];
  const grouped = new Set<string>();
  const groups = CHECK_GROUPS.map((g) => {
    g.ids.forEach((id) => grouped.add(id));
    return { title: g.title, items: results.filter((r) => g.ids.includes(r.id)) };
  });
  const rest = results.filter((r) => !grouped.has(r.id));
  if (rest.length > 0) groups.push({ title: "Other", items: rest });
  for (const group of groups) {
    if (group.items.length === 0) continue;
    lines.push(group.title);
    for (const r of group.items) {
      lines.push(
        `  ${marks[r.status].padEnd(marks.pass.length)} ${r.id.padEnd(width)}${r.message}`,
      );
      if (r.hint !== "") lines.push(`${indent}hint: ${r.hint}`);
    }
  }
  lines.push("", summaryLine(results));
  return lines.join("\n") + "\n";
}
