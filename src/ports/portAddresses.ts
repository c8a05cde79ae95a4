import type Docker from 'dockerode';

/** A published port and the address a browser on the engine's host reaches it at. */
export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
  /** `127.0.0.1:8080`, `[::1]:8080`, or `localhost:8080` for a port published on every address. */
  address: string;
}

function hostFor(ip: string | undefined): string {
  if (!ip || ip === '0.0.0.0' || ip === '::') return 'localhost';
  return ip.includes(':') ? `[${ip}]` : ip;
}

/**
 * The container's published ports, one per host port and protocol (the engine lists a port published on both
 * address families twice), sorted by container port. Pure.
 */
export function publishedPorts(ports: readonly Docker.Port[] | undefined): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const port of ports ?? []) {
    if (!port.PublicPort) continue;
    const host = hostFor(port.IP);
    const key = `${host === 'localhost' ? '*' : host}:${port.PublicPort}/${port.Type}`;
    if (!seen.has(key)) {
      seen.set(key, { hostIp: port.IP ?? '', hostPort: port.PublicPort, containerPort: port.PrivatePort, protocol: port.Type, address: `${host}:${port.PublicPort}` });
    }
  }
  return [...seen.values()].sort((a, b) => a.containerPort - b.containerPort || a.hostPort - b.hostPort);
}

/** The URL to open for a port: https for 443 and 8443, else http. */
export function portUrl(port: PublishedPort): string {
  const scheme = port.containerPort === 443 || port.containerPort === 8443 ? 'https' : 'http';
  return `${scheme}://${port.address}/`;
}
