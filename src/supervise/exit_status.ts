/**
 * The exit status connect-envoy reports for Envoy's end: Envoy's own exit
 * code, or 128 + the signal number when a signal killed it (the shell
 * convention, e.g. 137 after SIGKILL). Signal numbers differ between Linux
 * and macOS, so the OS is a parameter.
 *
 * @module
 */

const COMMON: Readonly<Record<string, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};

const LINUX: Readonly<Record<string, number>> = {
  ...COMMON,
  SIGBUS: 7,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPOLL: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};

const DARWIN: Readonly<Record<string, number>> = {
  ...COMMON,
  SIGEMT: 7,
  SIGBUS: 10,
  SIGSYS: 12,
  SIGURG: 16,
  SIGSTOP: 17,
  SIGTSTP: 18,
  SIGCONT: 19,
  SIGCHLD: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGIO: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGINFO: 29,
  SIGUSR1: 30,
  SIGUSR2: 31,
};

/** The number of signal `name` on `os` (`undefined` when unknown). */
export function signalNumber(name: string, os: string): number | undefined {
  const table = os === "darwin" || os === "ios" ? DARWIN : LINUX;
  return table[name];
}

/** How a child ended, as `Deno.ChildStatus` reports it. */
export interface EndStatus {
  code: number;
  signal: string | null;
}

/** Envoy's exit code, or 128 + signal number when it was killed by a signal. */
export function exitStatusOf(status: EndStatus, os: string): number {
  if (status.signal === null) return status.code;
  const n = signalNumber(status.signal, os);
  // An unknown name: Deno's code already follows the 128+n convention.
  return n === undefined ? status.code : 128 + n;
}
