import { assertEquals, assertRejects } from "./helpers/assert.ts";
import { retryUntilFound, type WaitPolicy } from "../src/wait.ts";

function fakeClock(totalMs: number, isMissing = (e: unknown) => String(e).includes("missing")) {
  let now = 0;
  const retries: [number, number][] = [];
  const policy: WaitPolicy = {
    totalMs,
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
    isMissing,
    onRetry: (_what, delay, left) => retries.push([delay, left]),
  };
  return { policy, retries, elapsed: () => now };
}

Deno.test("retryUntilFound: waiting off ⇒ one attempt", async () => {
  const { policy, retries } = fakeClock(0);
  let n = 0;
  await assertRejects(
    () => retryUntilFound(policy, "x", () => Promise.reject(new Error(`missing ${++n}`))),
    Error,
    "missing 1",
  );
  assertEquals(retries.length, 0);
});

Deno.test("retryUntilFound: backs off exponentially until the registration appears", async () => {
  const { policy, retries } = fakeClock(60_000);
  let n = 0;
  const got = await retryUntilFound(
    policy,
    "web",
    () => ++n < 5 ? Promise.reject(new Error("missing")) : Promise.resolve("ok"),
  );
  assertEquals(got, "ok");
  assertEquals(retries.map(([d]) => d), [250, 500, 1000, 2000]);
});

Deno.test("retryUntilFound: gives up with the last error when the time is up; delays are capped", async () => {
  const { policy, retries, elapsed } = fakeClock(10_000);
  await assertRejects(
    () => retryUntilFound(policy, "web", () => Promise.reject(new Error("missing"))),
    Error,
    "missing",
  );
  assertEquals(elapsed(), 10_000);
  assertEquals(Math.max(...retries.map(([d]) => d)), 4000);
});

Deno.test("retryUntilFound: other errors are not retried", async () => {
  const { policy, retries } = fakeClock(10_000);
  await assertRejects(
    () => retryUntilFound(policy, "web", () => Promise.reject(new Error("403 forbidden"))),
    Error,
    "403",
  );
  assertEquals(retries.length, 0);
});
