/**
 * The benchmark floor: a Deno process that makes one request to the agent
 * (`Deno.args[0]`, a full URL) and exits. Run with the CLI's permission flags.
 *
 * @module
 */

const res = await fetch(Deno.args[0]);
await res.text();
if (!res.ok) Deno.exit(1);
