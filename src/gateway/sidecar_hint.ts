/**
 * A hint for `-sidecar-for` given the sidecar proxy's own service ID
 * (`-sidecar-for web-sidecar-proxy`) instead of the ID of the service it
 * fronts: no proxy is registered *for* that ID, but the ID itself is a
 * sidecar proxy, which `-proxy-id` selects directly. Pure.
 *
 * @module
 */

/** The fields of an agent service the hint looks at. */
export interface ServiceSummary {
  kind: string;
  id: string;
  destinationServiceId: string;
  hasProxy: boolean;
}

/**
 * The error text when `sidecarFor` is the ID of a registered sidecar proxy,
 * else `undefined` (the lookup's usual "not registered" error applies).
 */
export function sidecarForOwnIdHint(
  sidecarFor: string,
  services: readonly ServiceSummary[],
): string | undefined {
  const own = services.find((s) => s.kind === "connect-proxy" && s.id === sidecarFor);
  if (own === undefined) return undefined;
  const of = own.destinationServiceId !== "" ? ` (the sidecar of ${own.destinationServiceId})` : "";
  return `-sidecar-for ${sidecarFor} names a sidecar proxy itself${of}, not the service it ` +
    `fronts; use -proxy-id ${sidecarFor}` +
    (own.destinationServiceId !== "" ? ` or -sidecar-for ${own.destinationServiceId}` : "");
}
