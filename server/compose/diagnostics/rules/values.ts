/** The value syntax Compose's loader parses: ports, volumes (short syntax), durations and byte sizes. */
import type { Path } from '../../parse/composeDocument';
import { isRecord, services, type ComposeRule, type Plain, type RuleContext } from './rule';
import { parseVolumeSpec } from './volumeSpec';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/** Why a port's short syntax is invalid (`[IP:][HOST:]CONTAINER[/PROTOCOL]`, ranges `a-b`), or undefined. */
export function portProblem(spec: string): string | undefined {
  let rest = spec.trim();
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const protocol = rest.slice(slash + 1);
    if (!PROTOCOLS.includes(protocol.toLowerCase())) {
      return `unknown protocol "${protocol}" (tcp, udp or sctp)`;
    }
    rest = rest.slice(0, slash);
  }
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') {
      return 'an IPv6 address in brackets must be followed by ":"';
    }
    rest = rest.slice(close + 2);
  }
  let parts = rest.split(':');
  if (parts.length > 3) {
    // An IPv6 address without brackets: the last two parts are the ports.
    parts = parts.slice(-2);
  } else if (parts.length === 3) {
    parts = parts.slice(1);
  }
  const container = parts[parts.length - 1];
  const host = parts.length === 2 ? parts[0] : '';
  if (container === '') {
    return 'no container port';
  }
  const containerRange = portRange(container);
  if (typeof containerRange === 'string') {
    return `container port ${containerRange}`;
  }
  if (host !== '') {
    const hostRange = portRange(host);
    if (typeof hostRange === 'string') {
      return `host port ${hostRange}`;
    }
    const hostSize = hostRange[1] - hostRange[0];
    const containerSize = containerRange[1] - containerRange[0];
    if (containerSize !== 0 && hostSize !== containerSize) {
      return `the host range ${host} and the container range ${container} differ in size`;
    }
  }
  return undefined;
}

function portRange(text: string): [number, number] | string {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) {
    return `"${text}" is not a number or a range`;
  }
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start > 65535 || end > 65535) {
    return `${start > 65535 ? start : end} is out of range (0–65535)`;
  }
  if (end < start) {
    return `range ${text} ends before it starts`;
  }
  return [start, end];
}

export const portsRule: ComposeRule = {
  code: 'compose-port',
  check(context) {
    for (const [name, service] of services(context)) {
      if (!Array.isArray(service.ports)) {
        continue;
      }
      service.ports.forEach((port, index) => {
        const path: Path = ['services', name, 'ports', index];
        if (context.isUnknown(path)) {
          return;
        }
        if (typeof port === 'string') {
          const problem = portProblem(port);
          if (problem) {
            context.report({ path, code: 'compose-port', message: `Invalid port "${port}": ${problem}.` });
          }
        } else if (typeof port === 'number' && (port < 0 || port > 65535 || !Number.isInteger(port))) {
          context.report({ path, code: 'compose-port', message: `Invalid port ${port}: out of range (0–65535).` });
        } else if (isRecord(port) && typeof port.protocol === 'string' && !PROTOCOLS.includes(port.protocol.toLowerCase()) && !context.isUnknown([...path, 'protocol'])) {
          context.report({ path: [...path, 'protocol'], code: 'compose-port', message: `Unknown protocol "${port.protocol}" (tcp, udp or sctp).` });
        }
      });
    }
  },
};

export const volumesRule: ComposeRule = {
  code: 'compose-volume',
  check(context) {
    for (const [name, service] of services(context)) {
      if (!Array.isArray(service.volumes)) {
        continue;
      }
      service.volumes.forEach((volume, index) => {
        const path: Path = ['services', name, 'volumes', index];
        if (typeof volume !== 'string' || context.isUnknown(path)) {
          return;
        }
        const spec = parseVolumeSpec(volume);
        if (spec.error) {
          context.report({ path, code: 'compose-volume', message: `Invalid volume "${volume}": ${spec.error}.` });
        }
      });
    }
  },
};

/** Go durations as Compose reads them (with `d` and `w` as well): `1h30m`, `10s`, `1.5m`, `0`. */
const DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))+)$/;
/** Byte sizes: an integer, or a number with a unit (`512m`, `1.5GiB`, `2 g`). */
const BYTES = /^(?:-?\d+|\d+(?:\.\d+)* ?[kKmMgGtTpP]?[iI]?[bB]?)$/;

const SERVICE_DURATIONS: Path[] = [
  ['healthcheck', 'interval'],
  ['healthcheck', 'timeout'],
  ['healthcheck', 'start_period'],
  ['healthcheck', 'start_interval'],
  ['stop_grace_period'],
  ['deploy', 'update_config', 'delay'],
  ['deploy', 'update_config', 'monitor'],
  ['deploy', 'rollback_config', 'delay'],
  ['deploy', 'rollback_config', 'monitor'],
  ['deploy', 'restart_policy', 'delay'],
  ['deploy', 'restart_policy', 'window'],
];
const SERVICE_SIZES: Path[] = [
  ['mem_limit'],
  ['mem_reservation'],
  ['memswap_limit'],
  ['shm_size'],
  ['build', 'shm_size'],
  ['deploy', 'resources', 'limits', 'memory'],
  ['deploy', 'resources', 'reservations', 'memory'],
];

function valueAt(root: Plain, path: Path): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (!isRecord(current)) {
      return undefined;
    }
    current = current[String(segment)];
  }
  return current;
}

function checkValues(context: RuleContext, paths: Path[], accept: RegExp, code: string, what: string, example: string): void {
  for (const [name, service] of services(context)) {
    for (const relative of paths) {
      const value = valueAt(service, relative);
      const path: Path = ['services', name, ...relative];
      if (typeof value === 'string' && !accept.test(value.trim()) && !context.isUnknown(path)) {
        context.report({ path, code, message: `Invalid ${what} "${value}" (for example ${example}).` });
      }
    }
    if (code === 'compose-size' && Array.isArray(service.volumes)) {
      service.volumes.forEach((volume, index) => {
        const size = isRecord(volume) && isRecord(volume.tmpfs) ? volume.tmpfs.size : undefined;
        const path: Path = ['services', name, 'volumes', index, 'tmpfs', 'size'];
        if (typeof size === 'string' && !accept.test(size.trim()) && !context.isUnknown(path)) {
          context.report({ path, code, message: `Invalid ${what} "${size}" (for example ${example}).` });
        }
      });
    }
  }
}

export const durationsRule: ComposeRule = {
  code: 'compose-duration',
  check: (context) => checkValues(context, SERVICE_DURATIONS, DURATION, 'compose-duration', 'duration', '"30s", "1m30s", "500ms"'),
};

export const sizesRule: ComposeRule = {
  code: 'compose-size',
  check: (context) => checkValues(context, SERVICE_SIZES, BYTES, 'compose-size', 'byte size', '"512m", "1g", "1073741824"'),
};
