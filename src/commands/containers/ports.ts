import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { portUrl, PublishedPort, publishedPorts } from '../../ports/portAddresses';
import { pickContainer } from '../targets';

/** A published port's row of the Containers view (under a container's "Ports" row). */
interface PortNode {
  kind: 'containerPort';
  port: PublishedPort;
}

function isPortNode(node: unknown): node is PortNode {
  return typeof node === 'object' && node !== null && (node as PortNode).kind === 'containerPort' && typeof (node as PortNode).port === 'object';
}

async function pickPort(dockside: Dockside, node: unknown, title: string): Promise<PublishedPort | undefined> {
  if (isPortNode(node)) return node.port;
  const target = await pickContainer(dockside.docker, node, { runningOnly: true, title });
  if (!target) return undefined;
  const [info] = await dockside.docker.listContainers({ all: true, filters: { id: [target.id] } });
  const ports = publishedPorts(info?.Ports);
  if (ports.length === 0) {
    void vscode.window.showInformationMessage(`${target.name} publishes no port.`);
    return undefined;
  }
  if (ports.length === 1) return ports[0];
  const picked = await vscode.window.showQuickPick(
    ports.map((port) => ({ label: port.address, description: `→ ${port.containerPort}/${port.protocol}`, port })),
    { title: `${title} ${target.name}` },
  );
  return picked?.port;
}

/** Opens a published port in the browser, through `asExternalUri` so a remote or web VS Code forwards it. */
export const openInBrowser = (dockside: Dockside) => async (node?: unknown) => {
  const port = await pickPort(dockside, node, 'Open in the browser a port of');
  if (!port) return;
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(portUrl(port)));
  await dockside.prompts.openExternal(external);
};

export const copyPortAddress = (dockside: Dockside) => async (node?: unknown) => {
  const port = await pickPort(dockside, node, 'Copy the address of a port of');
  if (!port) return;
  await vscode.env.clipboard.writeText(port.address);
  void vscode.window.setStatusBarMessage(`Copied ${port.address}`, 3000);
};
