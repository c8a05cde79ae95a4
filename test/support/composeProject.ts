/**
 * The Compose project the Compose end-to-end tests work on: one service from the test image, no network, with
 * one misspelt key (`restrat`, line 9) to be squiggled and corrected; and the clean-up of what it left.
 */
import type Docker from 'dockerode';
import { TEST_IMAGE } from './engine';

export const misspeltComposeFile = [
  'services:',
  '  web:',
  `    image: ${TEST_IMAGE}`,
  '    command: ["sh", "-c", "echo web is up; exec sleep 600"]',
  '    network_mode: none',
  '    stop_signal: SIGKILL',
  '    labels:',
  '      dockside.test: "1"',
  '    restrat: always',
  '',
].join('\n');

/** Removes what a project left in the engine: its containers and networks, found by the project label. */
export async function removeComposeProject(docker: Docker, project: string): Promise<void> {
  const filters = { label: [`com.docker.compose.project=${project}`] };
  for (const info of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined);
  }
  for (const network of await docker.listNetworks({ filters })) {
    await docker.getNetwork(network.Id).remove().catch(() => undefined);
  }
}
