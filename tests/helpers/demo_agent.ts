/**
 * The demo fake agent's answers (`scripts/fixtures/demo_agent.json`: the
 * `web` service and its `web-sidecar-proxy`, datacenter dc1), a fresh copy
 * per call so a test may change it.
 *
 * @module
 */

import type { FakeAgentSpec } from "../../scripts/fake_agent.ts";

const FIXTURE = new URL("../../scripts/fixtures/demo_agent.json", import.meta.url);

/** A fresh copy of the demo agent's spec. */
export function demoSpec(): FakeAgentSpec {
  return JSON.parse(Deno.readTextFileSync(FIXTURE));
}
