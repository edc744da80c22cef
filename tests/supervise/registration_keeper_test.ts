import { assertEquals } from "../helpers/assert.ts";
import { createRegistrationKeeper } from "../../src/supervise/registration_keeper.ts";
import { type AgentClient, AgentRequestError } from "../../src/agent/types.ts";

const REG = { serviceId: "mesh-gateway", body: '{"Kind":"mesh-gateway","ID":"mesh-gateway"}' };
const missing = () => new AgentRequestError("Unexpected response code: 404 (unknown)", 404);

/** A client whose `service`, `register` and `deregister` follow a script. */
function scripted(answers: { service?: () => Promise<unknown>; register?: () => Promise<void> }) {
  const calls: string[] = [];
  const unused = () => Promise.reject(new Error("unused"));
  const client: AgentClient = {
    services: unused,
    self: unused,
    tokenSelf: unused,
    catalogNodeServices: unused,
    proxyDefaults: unused,
    close: () => Promise.resolve(),
    service: (id) => {
      calls.push(`service ${id}`);
      return (answers.service ?? (() => Promise.resolve({ ID: id })))() as Promise<
        Record<string, unknown>
      >;
    },
    register: (body) => {
      calls.push(`register ${body}`);
      return answers.register?.() ?? Promise.resolve();
    },
    deregister: (id) => {
      calls.push(`deregister ${id}`);
      return Promise.resolve();
    },
  };
  return { client, calls };
}

Deno.test("keeper: present registration: only a check; lost: registered again with the same body", async () => {
  const lines: string[] = [];
  const ok = scripted({});
  await createRegistrationKeeper(ok.client, REG, (l) => lines.push(l)).check();
  assertEquals(ok.calls, ["service mesh-gateway"]);
  assertEquals(lines, []);

  const lost = scripted({ service: () => Promise.reject(missing()) });
  await createRegistrationKeeper(lost.client, REG, (l) => lines.push(l)).check();
  assertEquals(lost.calls, ["service mesh-gateway", `register ${REG.body}`]);
  assertEquals(lines, ['The agent had lost service "mesh-gateway": registered it again']);
});

Deno.test("keeper: an unreachable agent is logged, not re-registered", async () => {
  const lines: string[] = [];
  const down = scripted({
    service: () => Promise.reject(new AgentRequestError("dial tcp 127.0.0.1:8500: refused")),
  });
  await createRegistrationKeeper(down.client, REG, (l) => lines.push(l)).check();
  assertEquals(down.calls, ["service mesh-gateway"]);
  assertEquals(lines.length, 1);
  assertEquals(lines[0].includes("refused"), true);
});

Deno.test("keeper: checks never overlap; deregistration waits and stops re-registering", async () => {
  let release: (v: unknown) => void = () => {};
  const slow = scripted({
    service: () =>
      new Promise((_, reject) => {
        release = () => reject(missing());
      }),
  });
  const lines: string[] = [];
  const k = createRegistrationKeeper(slow.client, REG, (l) => lines.push(l));
  const first = k.check();
  const second = k.check(); // in flight: skipped (settles with the first)
  assertEquals(slow.calls, ["service mesh-gateway"]);
  const dereg = k.deregister();
  release(undefined);
  await Promise.all([first, second, dereg]);
  assertEquals(slow.calls, ["service mesh-gateway", "deregister mesh-gateway"]);
  assertEquals(lines, ['Deregistered service "mesh-gateway"']);
  await k.check();
  assertEquals(slow.calls.length, 2, "no check after the deregistration");
});

Deno.test("keeper: a hanging agent call is cut off after the time limit", async () => {
  const hang = scripted({ service: () => new Promise(() => {}) });
  const lines: string[] = [];
  await createRegistrationKeeper(hang.client, REG, (l) => lines.push(l), 50).check();
  assertEquals(lines, [
    'Could not check the registration of service "mesh-gateway": no answer within 0.05s',
  ]);
});

Deno.test("keeper: a deregistration with a time limit bounds the wait for a call in flight too", async () => {
  const hang = scripted({ service: () => new Promise(() => {}) });
  const lines: string[] = [];
  const k = createRegistrationKeeper(hang.client, REG, (l) => lines.push(l), 60_000);
  k.check(); // hangs for good
  const t0 = performance.now();
  await k.deregister(50);
  const took = performance.now() - t0;
  assertEquals(took < 5_000, true, `took ${took} ms`);
  assertEquals(lines, ['Deregistering service "mesh-gateway" failed: no answer within 0.05s']);
  assertEquals(hang.calls, ["service mesh-gateway"], "no registration once deregistering");
});
