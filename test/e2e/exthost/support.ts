/**
 * Helpers shared by the extension-host suites. They run inside the real extension host: `vscode` is the
 * real API, the engine is the real one the harness made sure of.
 */
import Docker from 'dockerode';
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { TEST_IMAGE, testLabels } from '../../support/engine';

export const EXTENSION_ID = 'dockside.dockside';
export { TEST_IMAGE, testLabels };

/** Activates Dockside (once) and returns what `activate()` returned: the root `Dockside` object. */
export async function activateDockside(): Promise<Dockside> {
  const extension = vscode.extensions.getExtension<Dockside>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  return extension.activate();
}

/** A client of the same engine the extension talks to (DOCKER_HOST or the default socket). */
export function engine(): Docker {
  return new Docker();
}

/** Polls `probe` until it returns a value other than undefined, or fails after `withinMs` saying what it waited for. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, withinMs = 10_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${withinMs} ms waiting for ${what}${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A file of the workspace the suite runs in (a copy of test/e2e/fixtures/workspace). */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the suite runs without a workspace folder');
  }
  return vscode.Uri.joinPath(folder.uri, relative);
}

/**
 * Tracks engine resources a suite creates (always with `testLabels`) and removes exactly those.
 * Use: `const created = new Created(); teardown(() => created.removeAll());`
 */
export class Created {
  private readonly removers: Array<() => Promise<unknown>> = [];

  container(container: Docker.Container): Docker.Container {
    this.removers.push(() => container.remove({ force: true }));
    return container;
  }

  volume(volume: Docker.Volume): Docker.Volume {
    this.removers.push(() => volume.remove());
    return volume;
  }

  network(network: Docker.Network): Docker.Network {
    this.removers.push(() => network.remove());
    return network;
  }

  /** An extra tag on an existing image: removing it only untags. */
  imageTag(reference: string): string {
    this.removers.push(() => engine().getImage(reference).remove());
    return reference;
  }

  async removeAll(): Promise<void> {
    // Last created first, one at a time: a volume or network goes only after the containers using it.
    // Already gone (404: the test removed it) is fine; anything else is a leak the suite reports.
    const failures: string[] = [];
    for (const remove of this.removers.splice(0).reverse()) {
      await remove().catch((error: { statusCode?: number; message?: string }) => {
        if (error.statusCode !== 404) {
          failures.push(error.message ?? String(error));
        }
      });
    }
    if (failures.length > 0) {
      throw new Error(`could not remove what the suite created: ${failures.join('; ')}`);
    }
  }
}
