import type Docker from 'dockerode';
import { probeDeadlineMs, withDeadline } from './deadline';

/** dockerode passes `abortSignal` to these requests, though its typings leave the option out. */
interface SignalledProbes {
  version(options: { abortSignal: AbortSignal }): Promise<Docker.DockerVersion>;
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/**
 * How long `/version` may take once the engine answered a ping: Podman's service looks up the packages of its
 * components for every `/version` (8 to 10 s on a busy machine), though it answers a ping at once.
 */
export const slowVersionDeadlineMs = 30_000;

/**
 * The engine's version, or a deadline error. A version not back within half of `ms` is waited for (up to
 * `slowVersionDeadlineMs`) only if the engine answers a ping within the other half: a slow engine is waited
 * for, a frozen one is not answering after `ms`, as before.
 */
export async function versionWithin(docker: Docker, ms = probeDeadlineMs): Promise<Docker.DockerVersion> {
  const version = withDeadline(Math.max(ms, slowVersionDeadlineMs), 'a version probe', (abortSignal) => (docker as unknown as SignalledProbes).version({ abortSignal }));
  // Settled either way below; a version that fails after a failed ping is not reported twice.
  version.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const half = Math.floor(ms / 2);
  const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), half)));
  try {
    if ((await Promise.race([version, slow])) === 'slow') {
      await Promise.race([version, pingWithin(docker, ms - half)]);
    }
  } finally {
    clearTimeout(timer);
  }
  return version;
}

/** `/_ping`, or a deadline error when the engine does not answer within `ms`. */
export function pingWithin(docker: Docker, ms = probeDeadlineMs): Promise<unknown> {
  return withDeadline(ms, 'a ping', (abortSignal) => (docker as unknown as SignalledProbes).ping({ abortSignal }));
}
