/**
 * The effects the pipeline stages need. `src/run.ts` supplies the real ones;
 * tests and `doctor` inject their own.
 *
 * @module
 */

import type { AgentClient } from "../agent/types.ts";
import type { HttpConfig } from "../agent/config.ts";
import type { Env } from "../cli/options.ts";
import type { Io } from "../io.ts";
import type { CaFs } from "../files/ca_bundle.ts";

/** Effects the pipeline needs; every stage receives them through its `Session`. */
export interface PipelineDeps {
  env: Env;
  io: Io;
  /** `Deno.build.os`, injectable. */
  os: string;
  createClient(config: HttpConfig): Promise<AgentClient>;
  /** Load the go-sockaddr template expander (only when an address flag holds `{{`). */
  loadTemplateExpander(): Promise<(text: string) => string>;
  /** Canonical IP literals currently configured on local interfaces. */
  localAddresses(): string[];
  /** Names of the local network interfaces (for address-template hints). */
  interfaceNames?(): string[];
  resolveHost(host: string): Promise<string>;
  /** Reads a token file (the real one is bounded in size and time). */
  readTextFile(path: string): string | Promise<string>;
  caFs: CaFs;
  /** Try to connect to the xDS endpoint; resolves to an error text or `undefined`. */
  dial(target: { socket: string } | { host: string; port: string }): Promise<string | undefined>;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Called with every secret as soon as it is known, so the shell can redact it everywhere. */
  registerSecret?(secret: string): void;
}
