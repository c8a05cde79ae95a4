import type Docker from 'dockerode';
import type { ExplorerNode } from '../explorer/nodes';
import { markdownTable } from '../explorer/present/format';
import { portUrl, PublishedPort, publishedPorts } from './portAddresses';

/** Context values of the Ports rows (menus match them; none starts with `container`). */
export const portsContext = { group: 'publishedPorts', port: 'publishedPort' } as const;

/** The container row the Ports rows hang under: its engine id, name and tree id. */
export interface PortsParent {
  id: string;
  name: string;
  treeId: string;
  engine?: string;
}

/** A port published on every address shows its host port alone; one bound to an address shows that address. */
function boundToEveryAddress(port: PublishedPort): boolean {
  return !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::';
}

/** `8080 → 80/tcp`, `127.0.0.1:8080 → 80/tcp`, `[::1]:5353 → 53/udp`. Pure. */
export function portLabel(port: PublishedPort): string {
  const host = boundToEveryAddress(port) ? `${port.hostPort}` : port.address;
  return `${host} → ${port.containerPort}/${port.protocol}`;
}

function portNode(parent: PortsParent, port: PublishedPort): ExplorerNode {
  const label = portLabel(port);
  return {
    kind: 'containerPort',
    id: parent.id,
    name: port.address,
    engine: parent.engine,
    treeId: `${parent.treeId}/ports/${port.address}/${port.protocol}`,
    label,
    // The address to copy, unless the label already shows it.
    description: boundToEveryAddress(port) ? port.address : undefined,
    icon: { id: 'plug' },
    contextValue: portsContext.port,
    tooltip: () =>
      markdownTable(label, [
        ['Address', port.address],
        ['Opens', portUrl(port)],
        ['Host address', boundToEveryAddress(port) ? 'every address' : port.hostIp],
        ['Container port', `${port.containerPort}/${port.protocol}`],
      ]),
    port,
  };
}

/**
 * The "Ports" row under a container, its published ports as children (IPv4 and IPv6 bindings of one port folded
 * into one row, sorted by container port), from the container's list data; undefined when it publishes none. Pure.
 */
export function portsNode(parent: PortsParent, ports: readonly Docker.Port[] | undefined): ExplorerNode | undefined {
  const published = publishedPorts(ports);
  if (published.length === 0) return undefined;
  return {
    kind: 'containerPorts',
    id: parent.id,
    name: parent.name,
    engine: parent.engine,
    treeId: `${parent.treeId}/ports`,
    label: 'Ports',
    description: `${published.length}`,
    icon: { id: 'plug' },
    contextValue: portsContext.group,
    tooltip: () => markdownTable(`Ports published by ${parent.name}`, [['Ports', published.map(portLabel)]]),
    children: published.map((port) => portNode(parent, port)),
  };
}
