/** Making a named pipe (FIFO) in a test, on Unix-like systems. */

import { assertEquals } from "../helpers/assert.ts";

/** Create a FIFO at `path` with the system's `mkfifo`; fails the test if that fails. */
export async function mkfifo(path: string): Promise<void> {
  const { code } = await new Deno.Command("mkfifo", { args: [path] }).output();
  assertEquals(code, 0, "mkfifo");
}
