/**
 * Which host ports a run would publish that running containers already publish (from the explorer's model),
 * so Run and Run Again can say so before the engine refuses. Pure.
 */
import type Docker from 'dockerode';
import type { PortMapping } from './runInputs';

export interface PortClash {
  hostPort: number;
  protocol: string;
  /** The name of the container that publishes it. */
  container: string;
}

const anyAddress = new Set(['', '0.0.0.0', '::']);

function addressesOverlap(a: string | undefined, b: string | undefined): boolean {
  return anyAddress.has(a ?? '') || anyAddress.has(b ?? '') || a === b;
}

/** Host ports of `ports` that a container other than those in `ignore` publishes (same protocol, overlapping address). */
export function hostPortClashes(ports: readonly PortMapping[], containers: Iterable<Docker.ContainerInfo>, ignore: ReadonlySet<string> = new Set()): PortClash[] {
  const clashes = new Map<string, PortClash>();
  const wanted = ports.filter((port) => port.hostPort !== undefined);
  if (wanted.length === 0) return [];
  for (const container of containers) {
    if (ignore.has(container.Id)) continue;
    for (const published of container.Ports ?? []) {
      if (!published.PublicPort) continue;
      for (const port of wanted) {
        const first = port.hostPort ?? 0;
        const last = port.hostPortEnd ?? first;
        if (published.PublicPort >= first && published.PublicPort <= last && published.Type === port.protocol && addressesOverlap(published.IP, port.hostIp)) {
          const key = `${published.PublicPort}/${published.Type}`;
          clashes.set(key, { hostPort: published.PublicPort, protocol: published.Type, container: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, '') });
        }
      }
    }
  }
  return [...clashes.values()].sort((a, b) => a.hostPort - b.hostPort);
}

/** "8080/tcp (used by web), 5432/tcp (used by db)". */
export function describeClashes(clashes: readonly PortClash[]): string {
  return clashes.map((clash) => `${clash.hostPort}/${clash.protocol} (used by ${clash.container})`).join(', ');
}
