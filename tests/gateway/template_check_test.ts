import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { isTemplate, templateResultProblem } from "../../src/gateway/template_check.ts";
import { resolveAddressFlags } from "../../src/gateway/address.ts";
import { CliError } from "../../src/errors.ts";
import { makeOptions } from "./options_fixture.ts";
import type { Options } from "../../src/cli/options.ts";

const IFACES = ["lo", "eth0"];
const ETH9 = '{{ GetInterfaceIP "eth9" }}';

Deno.test("templateResultProblem: no host, IPv6 without brackets, or fine", () => {
  const table: [string, string, string | undefined][] = [
    [
      `${ETH9}:8443`,
      ":8443",
      'the template yields ":8443", which has no host: it matched no address (interfaces here: lo, eth0)',
    ],
    [
      ETH9,
      "",
      'the template yields "", which has no host: it matched no address (interfaces here: lo, eth0)',
    ],
    [
      ETH9,
      "  ",
      'the template yields "  ", which has no host: it matched no address (interfaces here: lo, eth0)',
    ],
    [
      `${ETH9}:9000`,
      "fd00::2:9000",
      `the template yields "fd00::2:9000", an IPv6 address: put the template in brackets before the port, e.g. [${ETH9}]:9000`,
    ],
    [
      ETH9,
      "::1",
      `the template yields "::1", an IPv6 address: put the template in brackets before the port, e.g. [${ETH9}]:8443`,
    ],
    [`[${ETH9}]:8443`, "[fd00::2]:8443", undefined],
    [`${ETH9}:8443`, "10.0.0.1:8443", undefined],
    [ETH9, "10.0.0.1", undefined],
    [`${ETH9}:8443`, "gw.example:8443", undefined],
  ];
  for (const [template, expanded, want] of table) {
    assertEquals(
      templateResultProblem(template, expanded, IFACES),
      want,
      `${template} → ${expanded}`,
    );
  }
  assertEquals(
    templateResultProblem(ETH9, "", []),
    'the template yields "", which has no host: it matched no address (no network interfaces found)',
  );
  assertEquals([isTemplate(ETH9), isTemplate("10.0.0.1:8443")], [true, false]);
});

Deno.test("resolveAddressFlags: an empty template result is an error naming flag, template and interfaces", () => {
  const expand = (t: string) => t.replace(ETH9, "");
  const table: [Partial<Options>, string][] = [
    [{ address: `${ETH9}:8443` }, "-address"],
    [{ wanAddress: `${ETH9}:8443` }, "-wan-address"],
    [{ bindAddresses: [`a=${ETH9}:8443`] }, "-bind-address"],
  ];
  for (const [over, flag] of table) {
    const err = assertThrows(
      () => resolveAddressFlags(makeOptions(over), expand, () => IFACES),
      CliError,
      `for flag ${flag}: the template yields ":8443", which has no host`,
    );
    assertEquals(err.message.includes(ETH9.replaceAll('"', '\\"')), true, err.message);
    assertEquals(err.message.includes("interfaces here: lo, eth0"), true, err.message);
  }
  // A literal ":8443" (no template) keeps Consul's meaning: the agent's address.
  assertEquals(resolveAddressFlags(makeOptions({ address: ":8443" }), expand).lan, {
    address: "",
    port: 8443,
  });
});
