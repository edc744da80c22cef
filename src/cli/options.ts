/**
 * The resolved command line: every flag of `connect-envoy` after Go-style
 * parsing and environment fallbacks.
 *
 * This is plain data produced by `src/cli/parse.ts` and consumed by the
 * pipeline. Address-valued gateway flags are kept raw here; `src/gateway/`
 * expands and validates them.
 *
 * @module
 */

/** HTTP-API flags as given on the command line (`undefined` = flag absent). */
export interface HttpFlags {
  httpAddr?: string;
  token?: string;
  tokenFile?: string;
  caFile?: string;
  caPath?: string;
  clientCert?: string;
  clientKey?: string;
  tlsServerName?: string;
  namespace?: string;
  partition?: string;
}

/** Every command flag, with defaults and environment fallbacks applied. */
export interface Options {
  /** `-proxy-id`, else `CONNECT_PROXY_ID`, else `CONSUL_PROXY_ID`. */
  proxyId: string;
  /** `-sidecar-for`, else `CONNECT_SIDECAR_FOR`. */
  sidecarFor: string;
  nodeName: string;
  /** `-gateway` as given (`api|mesh|terminating|ingress`, validated later). */
  gateway: string;
  meshGateway: boolean;
  register: boolean;
  service: string;
  /** Raw `-address` value, `undefined` when the flag was not given. */
  address?: string;
  /** Raw `-wan-address` value, `undefined` when the flag was not given. */
  wanAddress?: string;
  /** Raw `-bind-address` occurrences in order (each contains `=`). */
  bindAddresses: string[];
  exposeServers: boolean;
  deregisterAfterCritical: string;
  adminBind: string;
  /** `-admin-access-log-path`; defaults to the OS null device. */
  adminAccessLogPath: string;
  bootstrap: boolean;
  noCentralConfig: boolean;
  /** `-grpc-addr`, else `CONSUL_GRPC_ADDR`. */
  grpcAddr: string;
  /** `-grpc-ca-file`, else `CONSUL_GRPC_CACERT`. */
  grpcCaFile: string;
  /** `-grpc-ca-path`, else `CONSUL_GRPC_CAPATH`. */
  grpcCaPath: string;
  envoyBinary: string;
  envoyVersion: string;
  ignoreEnvoyCompatibility: boolean;
  envoyReadyBindAddress: string;
  envoyReadyBindPort: number;
  omitDeprecatedTags: boolean;
  prometheusBackendPort: string;
  prometheusScrapePath: string;
  prometheusCaFile: string;
  prometheusCaPath: string;
  prometheusCertFile: string;
  prometheusKeyFile: string;
  enableConfigGenLogging: boolean;
  /** `-wait-for-registration` in milliseconds (wait for the proxy to register); 0 = off. */
  waitForRegistrationMs: number;
  /** `-validate`: run `envoy --mode validate` on the bootstrap before exec. */
  validate: boolean;
  /** `-supervise`: run Envoy as a child and shut it down gracefully. */
  supervise: boolean;
  /** `-shutdown-grace-period` in milliseconds. */
  shutdownGracePeriodMs: number;
  /** `-shutdown-timeout` in milliseconds. */
  shutdownTimeoutMs: number;
  /** `-shutdown-drain-listeners`. */
  shutdownDrainListeners: boolean;
  /** `-lifecycle-bind` (`""` = no lifecycle endpoint). */
  lifecycleBind: string;
  /** `-reregister-interval` in milliseconds. */
  reregisterIntervalMs: number;
  /** HTTP-API flags as present on the command line. */
  http: HttpFlags;
}

/** Result of parsing argv. */
export type ParsedArgs =
  | { kind: "help" }
  | { kind: "version" }
  | {
    kind: "run";
    options: Options;
    /** Arguments after `--` or after the first non-flag: handed to Envoy. */
    passthrough: string[];
  };

/** The process environment as a plain map (empty values count as unset). */
export type Env = Readonly<Record<string, string | undefined>>;
