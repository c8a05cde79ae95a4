/** Labelled engine resources a journey creates with dockerode and removes afterwards (exactly those). */
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { ensureEngine, TEST_IMAGE, testLabels } from '../../support/engine';

export class JourneyResources {
  private readonly removers: Array<() => Promise<unknown>> = [];
  /** A suffix shared by this journey's resources, so runs side by side on the shared engine never collide. */
  readonly suffix = randomBytes(2).toString('hex');

  /**
   * Creates the container `<base>-<suffix>` from the test image, doing `sleep` without network (SIGKILL as its
   * stop signal: busybox sleep as PID 1 ignores SIGTERM, so a stop is immediate).
   */
  async container(base: string, binds: string[] = []): Promise<{ name: string; container: Docker.Container }> {
    const docker = await ensureEngine();
    const name = `${base}-${this.suffix}`;
    const container = await docker.createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { ...testLabels },
      StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'none', Binds: binds },
    });
    this.removers.push(() => container.remove({ force: true }));
    return { name, container };
  }

  async volume(base: string): Promise<string> {
    const docker = await ensureEngine();
    const name = `${base}-${this.suffix}`;
    await docker.createVolume({ Name: name, Labels: { ...testLabels } });
    this.removers.push(() => docker.getVolume(name).remove());
    return name;
  }

  /** An internal bridge network (no traffic leaves it). */
  async network(base: string): Promise<string> {
    const docker = await ensureEngine();
    const name = `${base}-${this.suffix}`;
    const network = await docker.createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: { ...testLabels } });
    this.removers.push(() => network.remove());
    return name;
  }

  /** Last created first, one at a time (a volume goes after the containers mounting it). */
  async removeAll(): Promise<void> {
    for (const remove of this.removers.splice(0).reverse()) {
      await remove().catch(() => undefined);
    }
  }
}

export async function engineState(container: Docker.Container): Promise<string> {
  return (await container.inspect()).State.Status;
}
