/**
 * A port as EXPOSE (and `docker run -p`) writes it, `[ip:][hostPort:]containerPort[/proto]`, split the way BuildKit
 * reads it (go-connections' ParsePortSpec): the last part is the container port, the one before the host port,
 * everything before that the IP address. Each port may be a range (`8000-8010`).
 */
export interface PortSpec {
  ip: string;
  hostPort: string;
  containerPort: string;
}

export function splitPortSpec(spec: string): PortSpec {
  const parts = spec.split(':');
  return {
    ip: parts.length >= 3 ? parts.slice(0, -2).join(':') : '',
    hostPort: parts.length >= 2 ? parts[parts.length - 2] : '',
    containerPort: parts[parts.length - 1].split('/')[0],
  };
}

/** The numbers of a port or a range (`8000-8010`); undefined when it is neither. */
export function portNumbers(text: string): number[] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  return match ? [Number(match[1]), ...(match[2] === undefined ? [] : [Number(match[2])])] : undefined;
}

export const HIGHEST_PORT = 65_535;
