/**
 * Checks of the `-prometheus-*` flags, which Consul makes after resolving
 * the proxy ID and before dual-stack detection. Pure.
 *
 * @module
 */

import type { Options } from "./options.ts";
import { CliError } from "../errors.ts";
import { parsePort } from "../bootstrap/ports.ts";

const PROMETHEUS_TLS_ERROR =
  "Must provide a CA (-prometheus-ca-file or -prometheus-ca-path) as well as -prometheus-cert-file and -prometheus-key-file to enable TLS for prometheus metrics";

/** TLS for the Prometheus listener needs a CA (file or directory), a certificate and a key. */
export function checkPrometheusTls(o: Options): void {
  const any = o.prometheusKeyFile !== "" || o.prometheusCertFile !== "" ||
    o.prometheusCaFile !== "" || o.prometheusCaPath !== "";
  if (!any) return;
  const complete = o.prometheusKeyFile !== "" && o.prometheusCertFile !== "" &&
    (o.prometheusCaFile !== "" || o.prometheusCaPath !== "");
  if (!complete) throw new CliError(PROMETHEUS_TLS_ERROR);
}

/**
 * `-prometheus-backend-port` must be a port number even when no Prometheus
 * listener uses it (Consul pastes it unchecked; we fail closed, at once).
 */
export function checkPrometheusBackendPort(o: Options): void {
  const v = o.prometheusBackendPort;
  if (v === "" || parsePort(v) !== undefined) return;
  throw new CliError(
    `invalid value "${v}" for flag -prometheus-backend-port: not a port number (0-65535)`,
  );
}
