/**
 * Docker Compose for the engine tests: `docker compose` or `docker-compose` when one runs; otherwise, as root on
 * Debian, Debian's `docker-compose` (1.29) is installed, as `.ci/run` does on a fresh machine.
 */
import * as fs from 'node:fs';
import { ComposeCli, findComposeCli } from '../../src/compose/cli';
import { processProbe } from '../../src/compose/runner';
import { aptInstall } from './engine';

export async function ensureComposeCli(env: NodeJS.ProcessEnv = process.env): Promise<ComposeCli> {
  try {
    return await findComposeCli(processProbe(env));
  } catch (error) {
    if (process.platform !== 'linux' || process.getuid?.() !== 0 || !fs.existsSync('/etc/debian_version')) {
      throw error;
    }
    aptInstall(['docker-compose']);
    return findComposeCli(processProbe(env));
  }
}
