/**
 * The sequential-client model: issue the given requests one after another
 * (each waits for the previous answer), the way Consul's command does, from
 * one Deno process using `fetch`, then print the in-process elapsed ms.
 *
 * Usage: `sequential_client.ts <base-url> <METHOD> <path?query> [<METHOD> <path?query> ...]`.
 * Run with the CLI's permission flags.
 *
 * @module
 */

const [base, ...pairs] = Deno.args;
const t0 = performance.now();
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const method = pairs[i];
  const res = await fetch(new URL(pairs[i + 1], base), {
    method,
    body: method === "PUT" ? "{}" : undefined,
  });
  await res.text();
}
console.log((performance.now() - t0).toFixed(3));
