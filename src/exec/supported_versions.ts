/**
 * The Envoy versions connect-envoy supports: the ONE place this list lives
 * (`../shared/spec/exec.md` §3.2). One point release per supported minor
 * line, newest first; the accepted range is derived from the first and last
 * entries (`1.32.0` up to, not including, `1.36.0`).
 *
 * @module
 */

/** Supported Envoy releases, one per minor line, newest first. */
export const ENVOY_VERSIONS: readonly string[] = ["1.35.6", "1.34.7", "1.33.9", "1.32.12"];

/** Individual releases inside the range that are known to be broken (none today). */
export const UNSUPPORTED_ENVOY_VERSIONS: readonly string[] = [];
