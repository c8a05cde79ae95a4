/**
 * Build benchmark. (1) The BuildKit progress pipeline alone (base64 → protobuf → plain text), over a
 * synthetic trace of many steps and output lines: throughput and peak memory growth. (2) The same
 * Dockerfile built without cache by Dockside with BuildKit and with the classic builder, and by
 * `DOCKER_BUILDKIT=1 docker build --progress=plain` when the CLI is installed, alternately in one run:
 * times and the median ratios. Run with `npm run bench:build` (needs the engine).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import protobuf from 'protobufjs/minimal';
import { BuildKitOutputReader } from '../src/build/buildkitOutput';
import { BuildRequest, runBuild } from '../src/build/buildRunner';
import { ensureEngine, TEST_IMAGE, testLabels } from '../test/support/engine';

const rounds = Number(process.env.DOCKSIDE_BENCH_ROUNDS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One trace message: a step's start, or a batch of its output lines, encoded as the engine does. */
function traceMessage(vertex: string, name: string, lines: string[] | undefined, at: number): string {
  const writer = protobuf.Writer.create();
  const timestamp = (field: number, millis: number) =>
    writer.uint32((field << 3) | 2).fork().uint32(8).int64(Math.floor(millis / 1000)).uint32(16).int32((millis % 1000) * 1e6).ldelim();
  if (lines) {
    writer.uint32((3 << 3) | 2).fork().uint32((1 << 3) | 2).string(vertex);
    timestamp(2, at);
    writer.uint32(3 << 3).int64(1).uint32((4 << 3) | 2).bytes(Buffer.from(`${lines.join('\n')}\n`)).ldelim();
  } else {
    writer.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string(vertex).uint32((3 << 3) | 2).string(name);
    timestamp(5, at);
    writer.ldelim();
  }
  return JSON.stringify({ id: 'moby.buildkit.trace', aux: Buffer.from(writer.finish()).toString('base64') });
}

function pipelineBench(): void {
  const steps = 200;
  const batches = 100;
  const line = 'compiling module with a reasonably long line of build output 0123456789';
  const messages: string[] = [];
  for (let step = 0; step < steps; step++) {
    const digest = `sha256:${step.toString(16).padStart(64, '0')}`;
    messages.push(traceMessage(digest, `[${step + 1}/${steps}] RUN make part-${step}`, undefined, 1_000_000 + step));
    for (let batch = 0; batch < batches; batch++) {
      messages.push(traceMessage(digest, '', Array.from({ length: 20 }, (_, i) => `${line} ${batch}.${i}`), 1_000_000 + step + batch));
    }
  }
  const inputMb = messages.reduce((sum, message) => sum + message.length, 0) / 2 ** 20;
  for (let round = 1; round <= 3; round++) {
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const reader = new BuildKitOutputReader();
    let outputBytes = 0;
    const started = performance.now();
    messages.forEach((message, index) => {
      outputBytes += reader.read(JSON.parse(message)).text.length;
      if (index % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    });
    const ms = performance.now() - started;
    console.log(
      `pipeline round ${round}: ${messages.length} trace messages (${inputMb.toFixed(1)} MB JSON, ${steps * batches * 20} output lines) → ${(outputBytes / 2 ** 20).toFixed(1)} MB of text in ${ms.toFixed(0)} ms (${(inputMb / (ms / 1000)).toFixed(0)} MB/s), peak heap growth ${((peak - baseline) / 2 ** 20).toFixed(1)} MB`,
    );
  }
}

/** `docker build` with BuildKit needs the CLI and its buildx component. */
function cliAvailable(): boolean {
  return spawnSync('docker', ['buildx', 'version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  pipelineBench();
  const docker = await ensureEngine();
  const contextDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-build-'));
  const tag = `dockside-test/bench-build-${process.pid}:1`;
  const images = new Set<string>();
  try {
    fs.writeFileSync(path.join(contextDir, 'data.txt'), 'x'.repeat(64 * 1024));
    const runs = Array.from({ length: 8 }, (_, i) => `RUN i=0; while [ $i -lt 200 ]; do echo "step ${i} line $i"; i=$((i+1)); done`);
    fs.writeFileSync(path.join(contextDir, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, 'WORKDIR /app', 'COPY data.txt ./', ...runs, ''].join('\n'));
    const request = (builder: 'buildkit' | 'classic'): BuildRequest => ({
      contextDir,
      dockerfile: path.join(contextDir, 'Dockerfile'),
      tags: [tag],
      buildArgs: {},
      labels: { ...testLabels },
      noCache: true,
      builder,
      // The test engine may run without a bridge network.
      networkMode: 'none',
    });
    const timeDockside = async (builder: 'buildkit' | 'classic') => {
      let bytes = 0;
      const started = performance.now();
      const result = await runBuild(docker, request(builder), { output: (text) => (bytes += text.length), step: () => undefined }, new AbortController().signal);
      const ms = performance.now() - started;
      if (result.kind !== 'succeeded' || result.builder !== builder) throw new Error(`the ${builder} build did not succeed: ${JSON.stringify(result)}`);
      if (result.imageId) images.add(result.imageId);
      return { ms, bytes };
    };
    const withCli = cliAvailable();
    if (!withCli) console.log('docker build with BuildKit is not available here (no docker CLI with buildx): compared with the classic builder only');
    const timeCli = () => {
      const iid = path.join(contextDir, 'iid');
      const started = performance.now();
      const cli = spawnSync('docker', ['build', '--no-cache', '--progress=plain', '--network', 'none', '--label', 'dockside.test=1', '--iidfile', iid, '-t', tag, contextDir], {
        env: { ...process.env, DOCKER_BUILDKIT: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      });
      const ms = performance.now() - started;
      if (cli.status !== 0) throw new Error(`docker build failed: ${cli.stderr.slice(-500)}`);
      images.add(fs.readFileSync(iid, 'utf8').trim());
      return ms;
    };
    const buildkitVsClassic: number[] = [];
    const buildkitVsCli: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const buildkit = await timeDockside('buildkit');
      const classic = await timeDockside('classic');
      const cliMs = withCli ? timeCli() : undefined;
      buildkitVsClassic.push(buildkit.ms / classic.ms);
      if (cliMs !== undefined) buildkitVsCli.push(buildkit.ms / cliMs);
      console.log(
        `build round ${round}: Dockside BuildKit ${(buildkit.ms / 1000).toFixed(2)} s (${(buildkit.bytes / 1024).toFixed(0)} kB of output), Dockside classic ${(classic.ms / 1000).toFixed(2)} s (${(classic.bytes / 1024).toFixed(0)} kB)${cliMs !== undefined ? `, docker build (BuildKit) ${(cliMs / 1000).toFixed(2)} s` : ''}`,
      );
    }
    console.log(`median time ratio Dockside BuildKit / Dockside classic: ${median(buildkitVsClassic).toFixed(2)}`);
    if (buildkitVsCli.length > 0) console.log(`median time ratio Dockside BuildKit / docker build (BuildKit): ${median(buildkitVsCli).toFixed(2)}`);
  } finally {
    for (const id of images) {
      await docker.getImage(id).remove({ force: true }).catch(() => undefined);
    }
    fs.rmSync(contextDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
