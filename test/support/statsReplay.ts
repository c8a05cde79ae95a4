/**
 * Plays a recorded `/containers/{id}/stats` answer back to the Docker CLI: a loopback HTTP server that answers
 * `/_ping` and the stats request with the recorded sample, so `docker stats --no-stream` formats exactly the
 * sample our own computation is given. Every other request gets a 404 (and is listed in `unexpected`).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliTexts } from '../../src/stats/cliFormat';

export const dockerCli = '/usr/local/bin/docker';

export function dockerCliPresent(): boolean {
  return fs.existsSync(dockerCli);
}

/** One line of `docker stats --format json`: the figure texts and the container's name. */
export type CliStatsLine = CliTexts & { Name: string };

/** Runs `docker stats --no-stream --format json <name>` with DOCKER_HOST and a throwaway DOCKER_CONFIG. */
export async function cliStats(host: string, names: string[]): Promise<CliStatsLine[]> {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-cli-config-'));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(dockerCli, ['stats', '--no-stream', '--format', 'json', ...names], {
        env: { PATH: process.env.PATH ?? '', DOCKER_HOST: host, DOCKER_CONFIG: config },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`docker stats exited ${code}: ${err}`))));
    });
    return output
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CliStatsLine);
  } finally {
    fs.rmSync(config, { recursive: true, force: true });
  }
}

export class StatsReplay {
  private constructor(
    private readonly server: http.Server,
    /** Requests the recording has no answer for. */
    readonly unexpected: string[],
  ) {}

  static async start(samples: Record<string, unknown>): Promise<StatsReplay> {
    const unexpected: string[] = [];
    const server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://replay');
      const headers = { 'Content-Type': 'application/json', Server: 'Docker/20.10.24 (linux)', 'Api-Version': '1.41', Ostype: 'linux' };
      if (/\/_ping$/.test(url.pathname)) {
        response.writeHead(200, { ...headers, 'Content-Type': 'text/plain' }).end('OK');
        return;
      }
      const stats = /\/containers\/([^/]+)\/stats$/.exec(url.pathname);
      const sample = stats ? samples[decodeURIComponent(stats[1])] : undefined;
      if (sample) {
        response.writeHead(200, headers).end(`${JSON.stringify(sample)}\n`);
        return;
      }
      unexpected.push(`${request.method ?? ''} ${url.pathname}${url.search}`);
      response.writeHead(404, headers).end(JSON.stringify({ message: 'not recorded' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new StatsReplay(server, unexpected);
  }

  get host(): string {
    return `tcp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
