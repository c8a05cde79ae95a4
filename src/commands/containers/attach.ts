import type { Dockside } from '../../dockside';
import { AttachTerminal } from '../../run/attachTerminal';
import { openTerminal } from '../../terminal/openTerminal';
import { pickContainer } from '../targets';

/** Attaches a terminal to a running container's main process (its TTY when it has one). */
export const attachToContainer = (dockside: Dockside) => async (node?: unknown) => {
  const docker = dockside.docker;
  const target = await pickContainer(docker, node, { runningOnly: true, title: 'Attach to a running container' });
  if (target) {
    openTerminal(`Attach: ${target.name}`, new AttachTerminal(docker.getContainer(target.id), false));
  }
};
