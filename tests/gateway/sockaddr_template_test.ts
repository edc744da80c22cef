import { assertEquals, assertStringIncludes, assertThrows } from "../helpers/assert.ts";
import {
  expandSockaddrTemplate,
  type IfAddr,
  type IfFlag,
} from "../../src/gateway/sockaddr/mod.ts";
import { TemplateError } from "../../src/template/mod.ts";

function addr(
  name: string,
  cidr: string,
  flags: IfFlag[],
  isDefault = false,
): IfAddr {
  const [address, prefix] = cidr.split("/");
  return {
    name,
    address,
    family: address.includes(":") ? "IPv6" : "IPv4",
    prefixLength: Number(prefix),
    flags: new Set(flags),
    isDefault,
  };
}

const LO: IfFlag[] = ["up", "loopback"];
const ETH: IfFlag[] = ["up", "broadcast", "multicast"];

/** lo, eth0 (default route), eth1 (TEST-NET-3), eth2 (down), docker0. */
const HOST: IfAddr[] = [
  addr("lo", "127.0.0.1/8", LO),
  addr("lo", "::1/128", LO),
  addr("eth0", "10.0.0.5/24", ETH, true),
  addr("eth0", "fe80::1/64", ETH, true),
  addr("eth0", "2001:db8::5/64", ETH, true),
  addr("eth1", "203.0.113.9/24", ETH),
  addr("eth2", "192.168.1.7/24", ["broadcast", "multicast"]),
  addr("docker0", "172.17.0.1/16", ETH),
];

/** HOST without default-route information. */
const HOST_NO_DEFAULT: IfAddr[] = HOST.map((a) => ({ ...a, isDefault: false }));

/** HOST plus a public address and a unique-local IPv6 address. */
const HOST_PUBLIC: IfAddr[] = [
  ...HOST,
  addr("eth3", "93.184.216.34/24", ETH),
  addr("eth3", "2606:2800:220:1::5/64", ETH),
  addr("eth4", "fd12:3456::9/64", ETH),
];

const all = "{{ GetAllInterfaces";
const v4 = `${all} | include "type" "ipv4"`;

/** [template, interface list, expected expansion] */
const cases: [string, IfAddr[], string][] = [
  // pass-through
  ["10.1.2.3:8443", HOST, "10.1.2.3:8443"],
  ["", HOST, ""],
  // sources
  ["{{ GetPrivateIP }}", HOST, "10.0.0.5"],
  ["{{ GetPrivateIP }}:8443", HOST, "10.0.0.5:8443"],
  ["{{ GetPrivateIPs }}", HOST, "10.0.0.5 172.17.0.1"],
  ["{{ GetPrivateIP }}", HOST_NO_DEFAULT, "172.17.0.1"], // larger network first without default
  ["{{ GetPrivateIPs }}", HOST_PUBLIC, "10.0.0.5 172.17.0.1 fd12:3456::9"],
  ["{{ GetPublicIP }}", HOST, ""], // TEST-NET-3 and 2001:db8:: are not forwardable
  ["{{ GetPublicIP }}", HOST_PUBLIC, "93.184.216.34"],
  ["{{ GetPublicIPs }}", HOST_PUBLIC, "93.184.216.34 2606:2800:220:1::5"],
  ['{{ GetInterfaceIP "eth0" }}', HOST, "10.0.0.5"],
  ['{{ GetInterfaceIP "^eth0$" }}:21000', HOST, "10.0.0.5:21000"],
  // No forwardable address on the interface: its other addresses are used
  // (deliberate difference from go-sockaddr, which yields "").
  ['{{ GetInterfaceIP "lo" }}', HOST, "127.0.0.1"],
  ['{{ GetInterfaceIPs "lo" }}', HOST, "127.0.0.1 ::1"],
  ['{{ GetInterfaceIP "eth1" }}', HOST, "203.0.113.9"],
  ['{{ GetInterfaceIP "docker" }}', HOST, "172.17.0.1"],
  ['{{ GetInterfaceIPs "eth" }}', HOST, "10.0.0.5 192.168.1.7"],
  ['{{ GetInterfaceIPs "eth3" }}', HOST_PUBLIC, "93.184.216.34 2606:2800:220:1::5"],
  ['{{ GetInterfaceIP "(?i)ETH4" }}', HOST_PUBLIC, "fd12:3456::9"],
  ['{{ GetDefaultInterfaces | join "address" " " }}', HOST, "10.0.0.5 fe80::1 2001:db8::5"],
  ['{{ GetDefaultInterfaces | join "address" " " }}', HOST_NO_DEFAULT, ""],
  ['{{ GetPrivateInterfaces | join "name" "," }}', HOST, "eth0,docker0"],
  ['{{ GetPublicInterfaces | attr "address" }}', HOST_PUBLIC, "93.184.216.34"],
  ['{{ . | attr "address" }}', HOST, "127.0.0.1"],
  ["{{ GetPrivateInterfaces }}", HOST, "[10.0.0.5/24 172.17.0.1/16]"],
  // include / exclude
  [
    `${all} | include "name" "^eth0$" | include "type" "ipv4" | attr "address" }}`,
    HOST,
    "10.0.0.5",
  ],
  [
    `${all} | include "name" "^eth0$" | include "type" "IPv6" | join "address" "," }}`,
    HOST,
    "fe80::1,2001:db8::5",
  ],
  [`${all} | include "type" "ipv4|ipv6" | len }}`, HOST, "8"],
  [`${all} | include "flags" "loopback" | join "address" " " }}`, HOST, "127.0.0.1 ::1"],
  [`${all} | exclude "flag" "up" | attr "address" }}`, HOST, "192.168.1.7"],
  [
    `${all} | include "flag" "forwardable" | join "address" " " }}`,
    HOST,
    "10.0.0.5 192.168.1.7 172.17.0.1",
  ],
  [`${all} | include "flags" "up|broadcast" | exclude "flags" "loopback" | len }}`, HOST, "5"],
  [
    `${all} | include "rfc" "1918" | join "address" " " }}`,
    HOST,
    "10.0.0.5 192.168.1.7 172.17.0.1",
  ],
  [`${all} | include "rfc" "4291" | join "address" " " }}`, HOST, "::1 fe80::1"],
  [
    `${all} | include "rfcs" "5735|6890" | exclude "rfc" "1918" | join "address" " " }}`,
    HOST,
    "127.0.0.1 ::1 fe80::1 2001:db8::5 203.0.113.9",
  ],
  [`${all} | include "rfc" "4193" | attr "address" }}`, HOST_PUBLIC, "fd12:3456::9"],
  [`${all} | include "rfc" "3927" | attr "address" }}`, HOST, ""],
  [`${all} | include "rfc" "6598" | len }}`, HOST, "0"],
  [
    `${all} | include "network" "10.0.0.0/8|172.16.0.0/12" | join "address" " " }}`,
    HOST,
    "10.0.0.5 172.17.0.1",
  ],
  [`${all} | include "network" "2001:db8::/32" | attr "address" }}`, HOST, "2001:db8::5"],
  [`${all} | exclude "network" "0.0.0.0/0" | len }}`, HOST, "3"],
  [`${all} | include "address" "^10\\\\." | attr "address" }}`, HOST, "10.0.0.5"],
  [`${all} | include "size" "16" | attr "name" }}`, HOST, "docker0"],
  // sort / unique / limit / offset
  [
    `${v4} | sort "address" | join "address" " " }}`,
    HOST,
    "10.0.0.5 127.0.0.1 172.17.0.1 192.168.1.7 203.0.113.9",
  ],
  [`${v4} | sort "-address" | attr "address" }}`, HOST, "203.0.113.9"],
  [
    `${v4} | sort "size" | join "address" " " }}`,
    HOST,
    "127.0.0.1 172.17.0.1 10.0.0.5 203.0.113.9 192.168.1.7",
  ],
  [
    `${v4} | sort "-size" | join "address" " " }}`,
    HOST,
    "10.0.0.5 203.0.113.9 192.168.1.7 172.17.0.1 127.0.0.1",
  ],
  [`${all} | sort "name" | join "name" "," }}`, HOST, "docker0,eth0,eth0,eth0,eth1,eth2,lo,lo"],
  [`${all} | sort "-type,+name" | attr "address" }}`, HOST, "fe80::1"],
  [`${all} | sort "default" | attr "name" }}`, HOST, "eth0"],
  [
    `${all} | sort "private,type" | join "address" " " }}`,
    HOST_PUBLIC,
    "127.0.0.1 10.0.0.5 203.0.113.9 192.168.1.7 172.17.0.1 93.184.216.34 ::1 fe80::1 2001:db8::5 fd12:3456::9 2606:2800:220:1::5",
  ],
  [`${all} | unique "name" | join "name" "," }}`, HOST, "lo,eth0,eth1,eth2,docker0"],
  [`${all} | limit 2 | join "address" "," }}`, HOST, "127.0.0.1,::1"],
  [`${all} | limit 0 | len }}`, HOST, "0"],
  [`${all} | offset 6 | join "address" "," }}`, HOST, "192.168.1.7,172.17.0.1"],
  [`${all} | offset -1 | attr "address" }}`, HOST, "172.17.0.1"],
  // attributes
  [
    `${all} | include "name" "eth0" | attr "network" }}/{{ GetAllInterfaces | include "name" "eth0" | attr "mask_bits" }}`,
    HOST,
    "10.0.0.0/24",
  ],
  [`${v4} | include "name" "eth0" | join "size" "" }}`, HOST, "256"],
  [`${all} | include "address" "2001" | attr "size" }}`, HOST, "18446744073709551616"],
  [`${all} | include "address" "2001" | attr "network" }}`, HOST, "2001:db8::"],
  [`${all} | include "name" "docker0" | attr "netmask" }}`, HOST, "255.255.0.0"],
  [`${all} | join "type" "," }}`, HOST, "IPv4,IPv6,IPv4,IPv6,IPv6,IPv4,IPv4,IPv4"],
  [
    `${all} | attr "flags" }} {{ GetAllInterfaces | offset 6 | attr "flags" }}`,
    HOST,
    "up|loopback broadcast|multicast",
  ],
  [
    `${all} | join "string" " " }}`,
    HOST,
    "127.0.0.1/8 ::1 10.0.0.5/24 fe80::1/64 2001:db8::5/64 203.0.113.9/24 192.168.1.7/24 172.17.0.1/16",
  ],
  [
    '{{ with $a := GetPrivateInterfaces }}{{ index $a 0 | attr "address" }}{{ end }}',
    HOST,
    "10.0.0.5",
  ],
  [
    '[{{ GetAllInterfaces | include "name" "^eth0$" | include "type" "ipv6" | exclude "rfc" "4291" | attr "address" }}]:8443',
    HOST,
    "[2001:db8::5]:8443",
  ],
];

Deno.test("sockaddr: template expansion", async (t) => {
  for (const [text, ifaces, expected] of cases) {
    await t.step(text || "(empty)", () => {
      assertEquals(expandSockaddrTemplate(text, ifaces), expected);
    });
  }
});

/** [template, expected substring of the TemplateError message] */
const failures: [string, string][] = [
  ["{{ GetPrivateIp }}", 'template: sockaddr.Parse:1: function "GetPrivateIp" not defined'],
  ["{{ GetPrivateIP", "unclosed action"],
  [
    '{{ GetInterfaceIP "[" }}',
    'error calling GetInterfaceIP: GetInterfaceIP: Unable to compile name regexp "["',
  ],
  ['{{ GetInterfaceIP "(?=eth)" }}', "invalid or unsupported Perl syntax"],
  ["{{ GetInterfaceIP }}", "wrong number of args for GetInterfaceIP: want 1 got 0"],
  ['{{ GetPrivateIP "x" }}', "wrong number of args for GetPrivateIP: want 0 got 1"],
  [`${all} | include "nam" "eth0" }}`, 'error calling include: invalid include selector "nam"'],
  [`${all} | exclude "nam" "eth0" }}`, 'invalid exclude selector "nam"'],
  [`${all} | include "name" "(" }}`, 'Unable to compile name regexp "("'],
  [`${all} | include "flags" "upp" }}`, 'Unknown interface flag: "upp"'],
  [`${all} | include "type" "ipv5" }}`, 'unsupported type "ipv5"'],
  [`${all} | include "rfc" "1234" }}`, "unable to find RFC 1234"],
  [`${all} | include "rfc" "x" }}`, 'unable to parse RFC number "x"'],
  [
    `${all} | include "network" "10.0.0.0/33" }}`,
    'unable to create an IP address from "10.0.0.0/33"',
  ],
  [`${all} | include "size" "40" }}`, "mask size out of bounds for IPv4 address: 40"],
  [`${all} | sort "sizes" }}`, 'unknown sort type: "sizes"'],
  [`${all} | unique "type" }}`, 'unsupported unique constraint "type"'],
  [`${all} | attr "nope" }}`, 'unsupported attribute name "nope"'],
  [`${all} | join "nope" "," }}`, 'unsupported attribute name "nope"'],
  [`${all} | offset 9 }}`, "offset (9) exceeds the number of interfaces (8)"],
  [`${all} | limit -1 }}`, "negative limit"],
  [`${all} | math "address" "+1" }}`, "math is not supported"],
  ['{{ GetPrivateIP | attr "address" }}', "unable to obtain attribute address from type string"],
  ['{{ GetPrivateIP | include "name" "eth0" }}', "expected sockaddr.IfAddrs"],
  ["{{ .Foo }}", "can't evaluate field Foo"],
];

Deno.test("sockaddr: errors are TemplateErrors naming the problem", async (t) => {
  for (const [text, message] of failures) {
    await t.step(text, () => {
      const err = assertThrows(() => expandSockaddrTemplate(text, HOST), TemplateError);
      assertStringIncludes(err.message, message);
    });
  }
});

Deno.test("sockaddr: an invalid interface address in the list is an error, not skipped", () => {
  const bad: IfAddr[] = [{ ...HOST[2], address: "10.0.0.300" }];
  assertThrows(
    () => expandSockaddrTemplate("{{ GetPrivateIP }}", bad),
    TemplateError,
    "10.0.0.300",
  );
});

Deno.test("sockaddr: a typo'd function name suggests the right one", async (t) => {
  const cases: [string, string][] = [
    [
      '{{ GetInterfaceIp "lo" }}',
      'function "GetInterfaceIp" not defined (did you mean "GetInterfaceIP"?)',
    ],
    ["{{ GetPrivatIP }}", 'function "GetPrivatIP" not defined (did you mean "GetPrivateIP"?)'],
  ];
  for (const [tpl, want] of cases) {
    await t.step(tpl, () => {
      assertThrows(() => expandSockaddrTemplate(tpl, HOST), TemplateError, want);
    });
  }
  await t.step("no suggestion for something unrelated", () => {
    const err = assertThrows(() => expandSockaddrTemplate("{{ Frobnicate }}", HOST), TemplateError);
    assertEquals(err.message.includes("did you mean"), false);
  });
});
