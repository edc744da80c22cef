#!/bin/sh
# A fake `envoy` for the supervise tests (Linux): answers --version itself,
# records the descriptors it inherited, then runs fake_envoy.ts with Deno.
#   FAKE_ENVOY_DENO    the deno executable
#   FAKE_ENVOY_SCRIPT  path of fake_envoy.ts
#   FAKE_ENVOY_LOG     JSON-lines log (the descriptors go to <log>.fds)
#   FAKE_ENVOY_VERSION_LOG  if set, --version appends the time (ms) it ran
for arg in "$@"; do
  if [ "$arg" = "--version" ]; then
    if [ -n "${FAKE_ENVOY_VERSION_LOG:-}" ]; then date +%s%3N >>"$FAKE_ENVOY_VERSION_LOG"; fi
    printf '\n%s  version: 69958e4fe32da561376d8b1d367b5e6942dfba24/%s/Clean/RELEASE/BoringSSL\n\n' \
      "$0" "${FAKE_ENVOY_VERSION:-1.35.6}"
    exit 0
  fi
done
find "/proc/$$/fd" -mindepth 1 -fprintf "$FAKE_ENVOY_LOG.fds" '%f %l\n'
exec "$FAKE_ENVOY_DENO" run -A --no-config --no-lock "$FAKE_ENVOY_SCRIPT" "$@"
