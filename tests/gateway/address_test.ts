import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import { type Addr, parseAddressValue, resolveAddressFlags } from "../../src/gateway/address.ts";
import { CliError } from "../../src/errors.ts";
import { makeOptions } from "./options_fixture.ts";

const identity = (t: string) => t;

/** A fake go-sockaddr expander: `{{ IP }}` → 10.1.2.3, `{{ EMPTY }}` → "", other `{{` fail. */
function fakeExpand(t: string): string {
  if (!t.includes("{{")) return t;
  const out = t.replace("{{ IP }}", "10.1.2.3").replace("{{ EMPTY }}", "");
  if (out.includes("{{")) throw new Error(`unable to parse template ${JSON.stringify(t)}: bad`);
  return out;
}

Deno.test("parseAddressValue: accepted forms", () => {
  const table: [string, Addr][] = [
    ["1.2.3.4:7777", { address: "1.2.3.4", port: 7777 }],
    ["[::1]:8443", { address: "::1", port: 8443 }],
    ["[2001:db8::5]:443", { address: "2001:db8::5", port: 443 }],
    [":9000", { address: "", port: 9000 }],
    ["10.0.0.5", { address: "10.0.0.5", port: 8443 }],
    [" 10.0.0.5 ", { address: "10.0.0.5", port: 8443 }],
    ["8.8.8.8:", { address: "8.8.8.8", port: 8443 }],
    ["localhost:3333", { address: "localhost", port: 3333 }],
    ["my.host.example:1", { address: "my.host.example", port: 1 }],
    ["1.2.3.4:+12", { address: "1.2.3.4", port: 12 }],
    ["1.2.3.4:-1", { address: "1.2.3.4", port: -1 }],
    ["1.2.3.4:0", { address: "1.2.3.4", port: 0 }],
    ["1.2.3.4:070000", { address: "1.2.3.4", port: 70000 }],
    [":", { address: "", port: 8443 }],
    ["{{ IP }}", { address: "10.1.2.3", port: 8443 }],
    ["{{ IP }}:8080", { address: "10.1.2.3", port: 8080 }],
  ];
  for (const [raw, want] of table) {
    assertEquals(parseAddressValue(raw, fakeExpand), want, raw);
  }
});

Deno.test("parseAddressValue: Consul's error texts", () => {
  const table: [string, string][] = [
    ["::1", 'Error parsing address "::1": address ::1: too many colons in address'],
    ["a:b:c", 'Error parsing address "a:b:c": address a:b:c: too many colons in address'],
    ["[::1", `Error parsing address "[::1": address [::1: missing ']' in address`],
    ["localhost", 'Error parsing address "localhost": not an IP address'],
    ["[::1]", 'Error parsing address "[::1]": not an IP address'],
    ["01.2.3.4", 'Error parsing address "01.2.3.4": not an IP address'],
    ["", 'Error parsing address "": not an IP address'],
    ["{{ EMPTY }}", 'Error parsing address "": not an IP address'],
    [
      "1.2.3.4:abc",
      'Error parsing port "abc": strconv.Atoi: parsing "abc": invalid syntax',
    ],
    ["1.2.3.4:+", 'Error parsing port "+": strconv.Atoi: parsing "+": invalid syntax'],
    ["1.2.3.4:1_0", 'Error parsing port "1_0": strconv.Atoi: parsing "1_0": invalid syntax'],
    ["1.2.3.4:0x10", 'Error parsing port "0x10": strconv.Atoi: parsing "0x10": invalid syntax'],
    [
      "1.2.3.4:99999999999999999999",
      'Error parsing port "99999999999999999999": strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
    [
      "{{ Bad }}:1",
      'Error parsing address "{{ Bad }}:1": unable to parse template "{{ Bad }}:1": bad',
    ],
  ];
  for (const [raw, message] of table) {
    assertThrowsMatching(() => parseAddressValue(raw, fakeExpand), { message }, raw);
  }
});

Deno.test("parseAddressValue expands the template before splitting", () => {
  const seen: string[] = [];
  const addr = parseAddressValue("plain:1", (t) => {
    seen.push(t);
    return "9.9.9.9:2";
  });
  assertEquals(seen, ["plain:1"]);
  assertEquals(addr, { address: "9.9.9.9", port: 2 });
});

Deno.test("resolveAddressFlags: unset flags give the default value and string forms", () => {
  const r = resolveAddressFlags(makeOptions(), identity);
  assertEquals(r.lan, { address: "", port: 8443 });
  assertEquals(r.wan, { address: "", port: 8443 });
  assertEquals(r.lanString, ":8443");
  assertEquals(Object.keys(r.bindAddresses), []);
});

Deno.test("resolveAddressFlags: values and string form", () => {
  const table: [string | undefined, Addr, string][] = [
    ["1.2.3.4:7777", { address: "1.2.3.4", port: 7777 }, "1.2.3.4:7777"],
    ["[::1]:9", { address: "::1", port: 9 }, "[::1]:9"],
    ["10.0.0.5", { address: "10.0.0.5", port: 8443 }, "10.0.0.5:8443"],
    [":0", { address: "", port: 8443 }, ":8443"],
    [":7000", { address: "", port: 7000 }, ":7000"],
    ["localhost:3333", { address: "localhost", port: 3333 }, "localhost:3333"],
  ];
  for (const [address, lan, lanString] of table) {
    const r = resolveAddressFlags(makeOptions({ address, wanAddress: address }), identity);
    assertEquals(r.lan, lan, address);
    assertEquals(r.wan, lan, address);
    assertEquals(r.lanString, lanString, address);
  }
});

Deno.test("resolveAddressFlags: -bind-address accumulates, overwrites, allows empty names", () => {
  const r = resolveAddressFlags(
    makeOptions({
      bindAddresses: ["a=1.1.1.1:1", "b=2.2.2.2", "a=3.3.3.3:3", "=:0", "__proto__=4.4.4.4:4"],
    }),
    identity,
  );
  assertEquals(Object.keys(r.bindAddresses).sort(), ["", "__proto__", "a", "b"]);
  assertEquals(r.bindAddresses["a"], { address: "3.3.3.3", port: 3 });
  assertEquals(r.bindAddresses["b"], { address: "2.2.2.2", port: 8443 });
  assertEquals(r.bindAddresses[""], { address: "", port: 8443 });
  assertEquals(r.bindAddresses["__proto__"], { address: "4.4.4.4", port: 4 });
});

Deno.test("resolveAddressFlags: errors use Go's flag wording and name the flag", () => {
  const table: [Parameters<typeof makeOptions>[0], string][] = [
    [
      { address: "::1" },
      'invalid value "::1" for flag -address: Error parsing address "::1": address ::1: too many colons in address',
    ],
    [
      { wanAddress: "example.com" },
      'invalid value "example.com" for flag -wan-address: Error parsing address "example.com": not an IP address',
    ],
    [
      { bindAddresses: ["no-equals"] },
      'invalid value "no-equals" for flag -bind-address: Missing "=" in argument: no-equals',
    ],
    [
      { bindAddresses: ["ok=1.1.1.1", "x=1.2.3.4:port"] },
      'invalid value "x=1.2.3.4:port" for flag -bind-address: Error parsing port "port": strconv.Atoi: parsing "port": invalid syntax',
    ],
    [
      { address: '{{ GetInterfaceIP "eht0" }}:8443' },
      'invalid value "{{ GetInterfaceIP \\"eht0\\" }}:8443" for flag -address: Error parsing address "{{ GetInterfaceIP \\"eht0\\" }}:8443": unable to parse template "{{ GetInterfaceIP \\"eht0\\" }}:8443": bad',
    ],
    [
      { wanAddress: "{{ EMPTY }}" },
      'invalid value "{{ EMPTY }}" for flag -wan-address: the template yields "", which has no host: it matched no address (no network interfaces found)',
    ],
    [
      { bindAddresses: ["lan={{ EMPTY }}"] },
      'invalid value "lan={{ EMPTY }}" for flag -bind-address: the template yields "", which has no host: it matched no address (no network interfaces found)',
    ],
    [
      { bindAddresses: ["lan={{ nope }}"] },
      'invalid value "lan={{ nope }}" for flag -bind-address: Error parsing address "{{ nope }}": unable to parse template "{{ nope }}": bad',
    ],
  ];
  for (const [overrides, message] of table) {
    assertThrowsMatching(
      () => resolveAddressFlags(makeOptions(overrides), fakeExpand),
      (err: unknown) => {
        assertEquals(err instanceof CliError, true);
        assertEquals((err as CliError).message, message);
        assertEquals((err as CliError).exitCode, 1);
        return true;
      },
    );
  }
});
