/**
 * Which Compose CLI runs Compose here: `docker compose` (v2, a Docker CLI plugin) when the Docker CLI has it,
 * else the standalone `docker-compose` (v1, or a v2 binary installed under that name). Compose is not part of
 * the Engine API: its CLI is its implementation.
 */

export type ComposeFlavour = 'v2' | 'v1';

export interface ComposeCli {
  /** The program to spawn (`docker` or `docker-compose`). */
  command: string;
  /** Arguments before Compose's own (`['compose']` for the plugin). */
  prefix: readonly string[];
  flavour: ComposeFlavour;
  /** The version the CLI reports (`2.27.0`, `1.29.2`). */
  version: string;
}

export interface ProbeResult {
  exitCode: number | null;
  stdout: string;
}

/** Runs a program with arguments (no shell) and returns its exit code and output; rejects when it cannot start. */
export type Probe = (command: string, args: readonly string[]) => Promise<ProbeResult>;

export class ComposeNotFoundError extends Error {
  constructor() {
    super(
      'Docker Compose was not found: neither `docker compose` nor `docker-compose` runs here. ' +
        'Install the Compose plugin (Docker Desktop has it; on Linux install the `docker-compose-plugin` package ' +
        'or see https://docs.docker.com/compose/install/), or the standalone `docker-compose`.',
    );
    this.name = 'ComposeNotFoundError';
  }
}

/** The version in `docker compose version` / `docker-compose version` output (`Docker Compose version v2.27.0`, `docker-compose version 1.29.2, build unknown`). */
export function parseComposeVersion(output: string): string | undefined {
  const match = /version\s+v?(\d+\.\d+(?:\.\d+)?[^\s,]*)/i.exec(output);
  return match?.[1];
}

function flavourOf(version: string): ComposeFlavour {
  return Number.parseInt(version, 10) >= 2 ? 'v2' : 'v1';
}

async function tryProbe(probe: Probe, command: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const result = await probe(command, args);
    return result.exitCode === 0 ? parseComposeVersion(result.stdout) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the Compose CLI: `docker compose version` first, then `docker-compose version`.
 * @param dockerPath the Docker CLI to use (`docker` from PATH by default).
 * @throws ComposeNotFoundError with how to install Compose when neither answers.
 */
export async function findComposeCli(probe: Probe, dockerPath = 'docker', composePath = 'docker-compose'): Promise<ComposeCli> {
  const plugin = await tryProbe(probe, dockerPath, ['compose', 'version']);
  if (plugin !== undefined) {
    return { command: dockerPath, prefix: ['compose'], flavour: flavourOf(plugin), version: plugin };
  }
  const standalone = await tryProbe(probe, composePath, ['version']);
  if (standalone !== undefined) {
    return { command: composePath, prefix: [], flavour: flavourOf(standalone), version: standalone };
  }
  throw new ComposeNotFoundError();
}
