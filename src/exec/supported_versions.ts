/**
 * The Envoy versions connect-envoy supports when the Consul agent does not
 * say which it supports: the ONE place this list lives. It is the list of
 * Consul's main branch in late 2026 (Envoy 1.38, 1.37, 1.36 and 1.35 lines,
 * with the patch releases current at that time), one point release per minor
 * line, newest first. The accepted range is derived from the first and last
 * entries: `1.35.0` up to, not including, `1.39.0`.
 *
 * The agent's own list (`/v1/agent/self` → `xDS.SupportedProxies.envoy`)
 * takes precedence when the agent exposes it.
 *
 * @module
 */

/** Supported Envoy releases, one per minor line, newest first. */
export const ENVOY_VERSIONS: readonly string[] = ["1.38.2", "1.37.4", "1.36.8", "1.35.12"];

/** `-envoy-version`'s default: the newest supported release. */
export const DEFAULT_ENVOY_VERSION: string = ENVOY_VERSIONS[0];

/** Individual releases inside the range that are known to be broken (none today). */
export const UNSUPPORTED_ENVOY_VERSIONS: readonly string[] = [];
