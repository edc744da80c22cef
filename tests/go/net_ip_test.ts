import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import {
  AddrError,
  canonicalIp,
  isIpv6NotMapped,
  joinHostPort,
  parseIp,
  splitHostPort,
} from "../../src/go/net_ip.ts";

Deno.test("canonicalIp: IPv4, IPv6 RFC 5952, mapped IPv4, zones", () => {
  const table: [string, string | undefined][] = [
    ["10.0.0.5", "10.0.0.5"],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
    ["::", "::"],
    ["::1", "::1"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"], // longest run wins
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // first of equal runs
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // single zero group not compressed
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"],
    ["1::", "1::"],
    ["::ffff:10.0.0.1", "10.0.0.1"],
    ["::FFFF:a00:1", "10.0.0.1"],
    ["::1.2.3.4", "::102:304"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["FE80::0001%En0", "fe80::1%En0"],
    // not IP literals
    ["", undefined],
    ["localhost", undefined],
    ["1.2.3", undefined],
    ["1.2.3.4.5", undefined],
    ["1.2.3.256", undefined],
    ["01.2.3.4", undefined],
    ["1..3.4", undefined],
    [" 1.2.3.4", undefined],
    ["1.2.3.4%eth0", undefined],
    ["[::1]", undefined],
    ["::1:", undefined],
    [":::", undefined],
    ["1:::2", undefined],
    ["1::2::3", undefined],
    ["12345::", undefined],
    ["1:2:3:4:5:6:7:8:9", undefined],
    ["1:2:3:4:5:6:7", undefined],
    ["1:2:3:4:5:6:7:8::", undefined],
    ["fe80::1%", undefined],
    ["1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"],
    ["1:2:3:4:5:1.2.3.4", undefined],
    ["::ffff:1.2.3", undefined],
    ["g::1", undefined],
    ["%eth0", undefined],
  ];
  for (const [input, want] of table) {
    assertEquals(canonicalIp(input), want, `canonicalIp(${JSON.stringify(input)})`);
  }
});

Deno.test("parseIp: family, bytes and zone", () => {
  assertEquals(parseIp("192.0.2.1"), { family: 4, bytes: new Uint8Array([192, 0, 2, 1]) });
  const v6 = parseIp("fe80::1%eth0");
  assertEquals(v6?.family, 6);
  assertEquals(v6?.zone, "eth0");
  assertEquals(Array.from(v6!.bytes), [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  const mapped = parseIp("::ffff:10.0.0.1");
  assertEquals(mapped?.family, 6);
  assertEquals(Array.from(mapped!.bytes.subarray(10)), [0xff, 0xff, 10, 0, 0, 1]);
  assertEquals(parseIp("::1")?.zone, undefined);
});

Deno.test("isIpv6NotMapped", () => {
  const table: [string, boolean][] = [
    ["::", true],
    ["::1", true],
    ["fe80::1%eth0", true],
    ["2001:db8::1", true],
    ["::ffff:10.0.0.1", false],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["not-an-ip", false],
    ["", false],
  ];
  for (const [input, want] of table) assertEquals(isIpv6NotMapped(input), want, input);
});

Deno.test("splitHostPort: Go net.SplitHostPort results", () => {
  const table: [string, string, string][] = [
    ["1.2.3.4:8443", "1.2.3.4", "8443"],
    ["localhost:3333", "localhost", "3333"],
    ["[::1]:8443", "::1", "8443"],
    ["[fe80::1%eth0]:80", "fe80::1%eth0", "80"],
    [":8443", "", "8443"],
    ["8.8.8.8:", "8.8.8.8", ""],
    [":", "", ""],
    ["[]:1", "", "1"],
    ["host:abc", "host", "abc"],
  ];
  for (const [input, host, port] of table) {
    assertEquals(splitHostPort(input), { host, port }, input);
  }
});

Deno.test("splitHostPort: Go error texts", () => {
  const table: [string, string, string][] = [
    ["1.2.3.4", "missing port in address", "address 1.2.3.4: missing port in address"],
    ["", "missing port in address", "missing port in address"],
    ["::1", "too many colons in address", "address ::1: too many colons in address"],
    ["a:b:c", "too many colons in address", "address a:b:c: too many colons in address"],
    ["[::1", "missing ']' in address", "address [::1: missing ']' in address"],
    ["[::1]", "missing port in address", "address [::1]: missing port in address"],
    ["[::1]x:80", "missing port in address", "address [::1]x:80: missing port in address"],
    [
      "[::1]:80:90",
      "too many colons in address",
      "address [::1]:80:90: too many colons in address",
    ],
    ["[a[b]:80", "unexpected '[' in address", "address [a[b]:80: unexpected '[' in address"],
    ["a]:80", "unexpected ']' in address", "address a]:80: unexpected ']' in address"],
    ["[a]:8]0", "unexpected ']' in address", "address [a]:8]0: unexpected ']' in address"],
  ];
  for (const [input, reason, message] of table) {
    assertThrowsMatching(() => splitHostPort(input), (err: unknown) => {
      assertEquals(err instanceof AddrError, true, input);
      assertEquals((err as AddrError).reason, reason, input);
      assertEquals((err as AddrError).message, message, input);
      return true;
    });
  }
});

Deno.test("joinHostPort brackets hosts with colons only", () => {
  assertEquals(joinHostPort("127.0.0.1", 8443), "127.0.0.1:8443");
  assertEquals(joinHostPort("::1", "8443"), "[::1]:8443");
  assertEquals(joinHostPort("", 8443), ":8443");
  assertEquals(joinHostPort("localhost", "0"), "localhost:0");
});
