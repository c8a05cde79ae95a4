import type Docker from 'dockerode';
import { probeDeadlineMs, withDeadline } from './deadline';

/** dockerode passes `abortSignal` to these requests, though its typings leave the option out. */
interface SignalledProbes {
  version(options: { abortSignal: AbortSignal }): Promise<Docker.DockerVersion>;
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/** The engine's version, or a deadline error when it does not answer within `ms`. */
export function versionWithin(docker: Docker, ms = probeDeadlineMs): Promise<Docker.DockerVersion> {
  return withDeadline(ms, 'a version probe', (abortSignal) => (docker as unknown as SignalledProbes).version({ abortSignal }));
}

/** `/_ping`, or a deadline error when the engine does not answer within `ms`. */
export function pingWithin(docker: Docker, ms = probeDeadlineMs): Promise<unknown> {
  return withDeadline(ms, 'a ping', (abortSignal) => (docker as unknown as SignalledProbes).ping({ abortSignal }));
}
