import { assertEquals } from "../helpers/assert.ts";
import { connectTimeoutReason, type Endpoint } from "../../src/agent/transport_http1.ts";
import type { TransportLimits } from "../../src/agent/transport.ts";

const limits: TransportLimits = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxBodyBytes: 1,
};

function endpoint(scheme: "http" | "https"): Endpoint {
  return {
    dial: () => Promise.reject(new Error("unused")),
    hostHeader: "127.0.0.1:8501",
    where: "tcp 127.0.0.1:8501",
    context: { scheme },
  };
}

Deno.test("connectTimeoutReason: over https it names the TLS handshake, which is what stalls", () => {
  assertEquals(
    connectTimeoutReason(endpoint("http"), limits),
    "dial tcp 127.0.0.1:8501: connect timed out after 10s",
  );
  assertEquals(
    connectTimeoutReason(endpoint("https"), limits),
    "dial tcp 127.0.0.1:8501: connect or TLS handshake timed out after 10s " +
      "(is it serving TLS at this address?)",
  );
});
