import { assertEquals } from "../helpers/assert.ts";
import { cleanPath, joinPath } from "../../src/go/path.ts";

Deno.test("cleanPath: Go's path.Clean, and filepath.Clean with the Windows separator", () => {
  const table: [string, string, string][] = [
    ["", "/", "."],
    ["/", "/", "/"],
    ["//a//b/", "/", "/a/b"],
    ["a/./b/../c", "/", "a/c"],
    ["../a", "/", "../a"],
    ["/../a", "/", "/a"],
    ["./", "/", "."],
    ["a\\b", "/", "a\\b"],
    ["C:\\ca\\\\x\\..\\y", "\\", "C:\\ca\\y"],
    ["C:/ca/", "\\", "C:\\ca"],
    ["C:\\", "\\", "C:\\"],
    ["rel\\.\\a", "\\", "rel\\a"],
  ];
  for (const [p, sep, want] of table) assertEquals(cleanPath(p, sep), want, `${p} (${sep})`);
});

Deno.test("joinPath: Go's path.Join / filepath.Join", () => {
  const table: [string[], string, string][] = [
    [["", "x.sock"], "/", "x.sock"],
    [["rel/dir/", "x.sock"], "/", "rel/dir/x.sock"],
    [["/etc/ca//", "a.pem"], "/", "/etc/ca/a.pem"],
    [[".", "envoy"], "/", "envoy"],
    [["", ""], "/", ""],
    [["C:\\ca", "a.pem"], "\\", "C:\\ca\\a.pem"],
    [["C:\\ca\\", "sub", "a.pem"], "\\", "C:\\ca\\sub\\a.pem"],
  ];
  for (const [parts, sep, want] of table) assertEquals(joinPath(parts, sep), want, parts.join("|"));
});
