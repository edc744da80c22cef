/**
 * The effects `connect-envoy doctor` needs: the pipeline's (the same stages
 * run with them) plus the doctor's own probes. `realDoctorDeps` builds the
 * real set; tests replace single fields.
 *
 * @module
 */

import type { PipelineDeps } from "../pipeline/mod.ts";
import type { HttpConfig } from "../agent/config.ts";
import type { AgentClient, ConnectChecksApi } from "../agent/types.ts";
import type { EnvoyProbe, ListenOutcome, ValidationOutcome, XdsPlace } from "./probes.ts";
import { createAgentClient } from "../agent/client.ts";
import { listenProbe, probeEnvoy, tlsHandshake, validateWithEnvoy } from "./probes.ts";

/** An agent client that can also ask the doctor's questions. */
export type DoctorClient = AgentClient & ConnectChecksApi;

/** Connect timeout towards the agent: an agent that is down is reported within it. */
export const DOCTOR_CONNECT_TIMEOUT_MS = 5000;
/** Whole-request timeout towards the agent. */
export const DOCTOR_REQUEST_TIMEOUT_MS = 10_000;

/** The pipeline's effects plus the doctor's probes. */
export interface DoctorDeps extends PipelineDeps {
  createDoctorClient(config: HttpConfig): Promise<DoctorClient>;
  /** TLS handshake trusting only `caPem`; an error text, or `undefined` on success. */
  tlsHandshake(place: XdsPlace, caPem: string): Promise<string | undefined>;
  /** Listen on the address and close at once; `undefined` when that worked. */
  listen(host: string, port: string): ListenOutcome | undefined;
  probeEnvoy(given: string, env: Record<string, string>): Promise<EnvoyProbe>;
  validate(binary: string, text: string, env: Record<string, string>): Promise<ValidationOutcome>;
}

/** The real doctor effects on top of the real pipeline effects. */
export function realDoctorDeps(base: PipelineDeps): DoctorDeps {
  return {
    ...base,
    createDoctorClient: (config) =>
      createAgentClient(config, {
        connectTimeoutMs: DOCTOR_CONNECT_TIMEOUT_MS,
        requestTimeoutMs: DOCTOR_REQUEST_TIMEOUT_MS,
      }),
    tlsHandshake: (place, caPem) => tlsHandshake(place, caPem),
    listen: listenProbe,
    probeEnvoy,
    validate: (binary, text, env) => validateWithEnvoy(binary, text, env, base.os),
  };
}
