import { assertEquals, assertRejects } from "../helpers/assert.ts";
import {
  createResolver,
  hostsFileAddresses,
  hostsFilePath,
  hostsThenSystem,
  pickAddress,
} from "../../src/net/resolve.ts";

Deno.test("pickAddress: first IPv4, else the first answer", () => {
  assertEquals(
    pickAddress([{ address: "::1", family: 6 }, { address: "127.0.0.1", family: 4 }]),
    "127.0.0.1",
  );
  assertEquals(pickAddress([{ address: "2001:DB8::1", family: 6 }]), "2001:db8::1");
  assertEquals(pickAddress([]), undefined);
});

Deno.test("createResolver: literals are canonicalised without a lookup; names looked up once", async () => {
  const calls: string[] = [];
  const resolve = createResolver((host) => {
    calls.push(host);
    if (host === "localhost") {
      return Promise.resolve([{ address: "::1", family: 6 }, { address: "127.0.0.1", family: 4 }]);
    }
    return Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
  });
  assertEquals(await resolve(""), "");
  assertEquals(await resolve("10.0.0.1"), "10.0.0.1");
  assertEquals(await resolve("::FFFF:1.2.3.4"), "1.2.3.4");
  assertEquals(await resolve("localhost"), "127.0.0.1");
  assertEquals(await resolve("localhost"), "127.0.0.1");
  await assertRejects(() => resolve("nope.invalid"), Error, "lookup nope.invalid: no such host");
  assertEquals(calls, ["localhost", "nope.invalid"]);
});

Deno.test("createResolver: the system resolver honours /etc/hosts for localhost", async () => {
  const resolve = createResolver();
  assertEquals(await resolve("localhost"), "127.0.0.1");
});

Deno.test("hostsFileAddresses: names case-insensitive, comments, aliases, file order", () => {
  const text = [
    "# comment line",
    "127.0.0.1\tlocalhost   # trailing comment",
    "::1 localhost ip6-localhost",
    "10.0.0.7 Consul.Local consul",
    "not-an-ip bogus",
  ].join("\n");
  assertEquals(hostsFileAddresses(text, "LOCALHOST"), [
    { address: "127.0.0.1", family: 4 },
    { address: "::1", family: 6 },
  ]);
  assertEquals(hostsFileAddresses(text, "consul"), [{ address: "10.0.0.7", family: 4 }]);
  assertEquals(hostsFileAddresses(text, "bogus"), []);
});

Deno.test("hostsThenSystem: listed names never reach the system resolver", async () => {
  const asked: string[] = [];
  const lookup = hostsThenSystem(() => "::1 localhost\n127.0.0.1 localhost\n", (h) => {
    asked.push(h);
    return Promise.resolve([{ address: "192.0.2.1", family: 4 }]);
  });
  const resolve = createResolver(lookup);
  assertEquals(await resolve("localhost"), "127.0.0.1");
  assertEquals(await resolve("elsewhere"), "192.0.2.1");
  assertEquals(asked, ["elsewhere"]);
});

Deno.test("hostsFilePath: per OS", () => {
  assertEquals(hostsFilePath("linux", {}), "/etc/hosts");
  assertEquals(
    hostsFilePath("windows", { SystemRoot: "D:\\Win" }),
    "D:\\Win\\System32\\drivers\\etc\\hosts",
  );
});
