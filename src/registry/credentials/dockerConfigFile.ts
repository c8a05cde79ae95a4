/**
 * The Docker CLI's `config.json` (in `$DOCKER_CONFIG`, else `~/.docker`): read whole, changed in the
 * credential keys only, and written back atomically with every other key kept as it was.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StoredAuth } from './authConfig';

export interface DockerConfigJson {
  auths?: Record<string, StoredAuth>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

export class DockerConfigError extends Error {}

/** The folder the CLI reads: `DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG.trim() !== '' ? env.DOCKER_CONFIG : path.join(os.homedir(), '.docker');
}

export class DockerConfigFile {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = path.join(dir, 'config.json');
  }

  /** The file's content; an absent file is an empty config. A file that is not JSON is refused, never overwritten. */
  async read(): Promise<DockerConfigJson> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new DockerConfigError(`Could not read ${this.path}: ${(error as Error).message}`);
    }
    if (text.trim() === '') return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as DockerConfigJson;
    } catch {
      throw new DockerConfigError(`${this.path} is not valid JSON; fix or move it before logging in (it was left unchanged).`);
    }
  }

  /** Reads, lets `change` edit, writes back (temp file + rename, mode 0600, tab-indented as the CLI writes it). */
  async update(change: (config: DockerConfigJson) => void): Promise<void> {
    const config = await this.read();
    change(config);
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
    try {
      await fs.rename(temp, this.path);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}
