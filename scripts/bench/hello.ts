/**
 * The bare floor of the benchmark: a Deno hello world. Every other row's
 * cost is quoted relative to it too.
 *
 * @module
 */

console.log("hello, world");
