/**
 * Log throughput: a container writes 200 MB of lines; the same log is read through Dockside's pipeline as a
 * log terminal opened on the stopped container reads it (engine stream → demultiplexing → line splitting →
 * resume bookkeeping → terminal rendering, up to the "stopped" notice) and through
 * `docker logs` to /dev/null, alternately, in one run. Prints each time, the median ratio and the
 * pipeline's peak memory growth. Run with `npm run bench:logs` (needs the engine and the docker CLI).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import Docker from 'dockerode';
import { followContainerLogs } from '../src/logs/containerLogFollower';
import { logsPath } from '../src/logs/logStream';
import { renderLogBatch } from '../src/logs/logsTerminal';
import { rawEngineAddress, readEngineStream } from '../src/logs/rawLogStream';
import { ensureEngine, TEST_IMAGE, testLabels } from '../test/support/engine';

const megabytes = Number(process.env.DOCKSIDE_BENCH_MB ?? 200);
const rounds = Number(process.env.DOCKSIDE_BENCH_ROUNDS ?? 5);
const line = 'dockside log throughput benchmark line with some padding to look like a real log message 0123456789';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function throughPipeline(docker: Docker, id: string): Promise<{ ms: number; cpuMs: number; peakGrowthMb: number; bytes: number; lines: number }> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  let bytes = 0;
  let lines = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  // As a log terminal does (following, so the resume point is kept), up to its "stopped" notice.
  const controller = new AbortController();
  await followContainerLogs(
    docker,
    id,
    { tail: 'all', showTimestamps: false },
    {
      lines: (batch) => {
        // What the terminal receives; a real terminal would display it, here it is only counted.
        bytes += renderLogBatch(batch).length;
        lines += batch.count;
      },
      notice: (text) => {
        if (text.startsWith('The container stopped')) controller.abort();
      },
    },
    controller.signal,
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakGrowthMb: (peak - baseline) / 2 ** 20, bytes, lines };
}

/** A floor: the bytes of the request the pipeline makes (no timestamps) read over a plain socket and dropped, with no decoding. */
async function socketFloor(docker: Docker, id: string): Promise<number> {
  const address = await rawEngineAddress(docker);
  if (!address) {
    return Number.NaN;
  }
  const started = performance.now();
  await readEngineStream(address, logsPath(id, { follow: false, timestamps: false }), () => undefined, new AbortController().signal);
  return performance.now() - started;
}

/** The same through Node's HTTP client (dockerode), as Dockside read logs before. */
async function rawStream(docker: Docker, id: string): Promise<number> {
  const started = performance.now();
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    docker.modem.dial(
      { path: `/containers/${id}/logs?`, method: 'GET', isStream: true, statusCodes: { 200: true }, options: { stdout: true, stderr: true, timestamps: false, follow: false } } as Parameters<Docker['modem']['dial']>[0],
      (error: unknown, result: unknown) => (error ? reject(error) : resolve(result as NodeJS.ReadableStream)),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    stream.on('data', () => undefined);
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return performance.now() - started;
}

async function throughCli(id: string): Promise<number> {
  const devNull = fs.openSync('/dev/null', 'w');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('docker', ['logs', id], { stdio: ['ignore', devNull, devNull] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker logs exited with ${code}`))));
  });
  fs.closeSync(devNull);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const docker = await ensureEngine();
  const count = Math.ceil((megabytes * 2 ** 20) / (line.length + 1));
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    // A few lines on stderr too, so the demultiplexer sees both streams.
    Cmd: ['sh', '-c', `echo start >&2; yes '${line}' | head -n ${count}; echo end >&2`],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    const writeStart = performance.now();
    await container.start();
    await container.wait();
    console.log(`container wrote ${count} lines (${megabytes} MB) in ${((performance.now() - writeStart) / 1000).toFixed(1)} s`);
    const ratios: number[] = [];
    const growths: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternate which reader goes first, so neither always finds the engine's log file freshly cached.
      let cliMs: number;
      let pipeline: Awaited<ReturnType<typeof throughPipeline>>;
      if (round % 2 === 1) {
        cliMs = await throughCli(container.id);
        pipeline = await throughPipeline(docker, container.id);
      } else {
        pipeline = await throughPipeline(docker, container.id);
        cliMs = await throughCli(container.id);
      }
      const rawMs = await rawStream(docker, container.id);
      const socketMs = await socketFloor(docker, container.id);
      if (pipeline.lines !== count + 2) {
        throw new Error(`the pipeline delivered ${pipeline.lines} lines, expected ${count + 2}`);
      }
      ratios.push(pipeline.ms / cliMs);
      growths.push(pipeline.peakGrowthMb);
      console.log(
        `round ${round}: dockside ${(pipeline.ms / 1000).toFixed(2)} s (node CPU ${(pipeline.cpuMs / 1000).toFixed(2)} s, ${pipeline.lines} lines, peak RSS growth ${pipeline.peakGrowthMb.toFixed(1)} MB), docker logs ${(cliMs / 1000).toFixed(2)} s, ratio ${(pipeline.ms / cliMs).toFixed(2)}; engine stream alone: over a socket ${(socketMs / 1000).toFixed(2)} s, through Node's HTTP client ${(rawMs / 1000).toFixed(2)} s`,
      );
    }
    console.log(`median time ratio dockside / docker logs: ${median(ratios).toFixed(2)} (goal ≤ 1.00)`);
    console.log(`peak memory growth of the pipeline: median ${median(growths).toFixed(1)} MB, max ${Math.max(...growths).toFixed(1)} MB (goal < 50 MB)`);
  } finally {
    await container.remove({ force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
