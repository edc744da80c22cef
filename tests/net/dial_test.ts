import { assertEquals } from "../helpers/assert.ts";
import { dialXds } from "../../src/net/dial.ts";

Deno.test("dialXds: a listening TCP port and a Unix socket dial cleanly", async () => {
  const tcp = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const dir = await Deno.makeTempDir();
  const path = `${dir}/xds.sock`;
  const unix = Deno.listen({ transport: "unix", path });
  try {
    const port = String((tcp.addr as Deno.NetAddr).port);
    assertEquals(await dialXds({ host: "127.0.0.1", port }), undefined);
    assertEquals(await dialXds({ socket: path }), undefined);
  } finally {
    tcp.close();
    unix.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("dialXds: failures are one Go-style line naming the address", async () => {
  assertEquals(
    await dialXds({ host: "127.0.0.1", port: "1" }),
    "dial 127.0.0.1:1: connect: connection refused",
  );
  const dir = await Deno.makeTempDir();
  try {
    const text = await dialXds({ socket: `${dir}/missing.sock` });
    assertEquals(text?.startsWith(`dial ${dir}/missing.sock: `), true, text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
