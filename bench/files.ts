/**
 * File transfer throughput of a container's Files against `docker cp`, alternately, in one run: a 100 MB file
 * written and read through the file system provider (the editor's path: one archive request each), and 1,000
 * small files uploaded and downloaded as a folder (the Upload and Download commands: one archive each way).
 * Prints each time, the median ratio (Dockside / docker cp; goal ≤ 1.2) and, for reference, the same small
 * files (100 of them) written and read one by one through the provider. Run with `npm run bench:files` (needs the engine and
 * the docker CLI; honours DOCKER_HOST).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContainerFiles } from '../src/files/containerFiles';
import { downloadPath, uploadPaths } from '../src/files/transfer';
import { ensureEngine, TEST_IMAGE, testLabels } from '../test/support/engine';

const bigMb = Number(process.env.DOCKSIDE_BENCH_MB ?? 100);
const smallCount = Number(process.env.DOCKSIDE_BENCH_FILES ?? 1000);
const rounds = Number(process.env.DOCKSIDE_BENCH_ROUNDS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** CPU time (user + system) this process spent on each Dockside operation, by name: not bound to the noise of a shared machine. */
const docksideCpuMs: Record<string, number[]> = {};
let lastCpuMs = 0;

async function timed(run: () => unknown): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return elapsed;
}

function dockerCp(from: string, to: string): void {
  const result = spawnSync('docker', ['cp', '-q', from, to], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`docker cp ${from} ${to} failed: ${result.stderr}`);
  }
}

async function main(): Promise<void> {
  if (spawnSync('docker', ['version', '--format', '{{.Client.Version}}']).status !== 0) {
    throw new Error('the docker CLI is needed to compare with docker cp');
  }
  const docker = await ensureEngine();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-files-'));
  const container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  try {
    await container.start();
    const files = new ContainerFiles(docker, container.id, () => Number.MAX_SAFE_INTEGER);
    await files.createDirectory('/bench');
    const big = randomBytes(bigMb * 2 ** 20);
    const bigLocal = path.join(scratch, 'big.bin');
    fs.writeFileSync(bigLocal, big);
    const small = path.join(scratch, 'small');
    fs.mkdirSync(small);
    for (let index = 0; index < smallCount; index++) {
      fs.writeFileSync(path.join(small, `file-${index}.txt`), randomBytes(512 + (index % 1024)));
    }

    const figures: Record<string, { dockside: number[]; dockerCp: number[] }> = {};
    const record = (name: string, dockside: number, cp: number) => {
      figures[name] ??= { dockside: [], dockerCp: [] };
      figures[name].dockside.push(dockside);
      figures[name].dockerCp.push(cp);
      (docksideCpuMs[name] ??= []).push(lastCpuMs);
      console.log(`  ${name.padEnd(34)} dockside ${dockside.toFixed(0).padStart(6)} ms   docker cp ${cp.toFixed(0).padStart(6)} ms   ratio ${(dockside / cp).toFixed(2)}   dockside cpu ${lastCpuMs.toFixed(0).padStart(5)} ms`);
    };

    for (let round = 1; round <= rounds; round++) {
      console.log(`round ${round}/${rounds}`);
      const docksideFirst = round % 2 === 1;
      /** Times both, in an order that alternates between rounds (caches favour neither side). */
      const pair = async (dockside: () => unknown, cp: () => unknown): Promise<[number, number]> => {
        if (docksideFirst) {
          const a = await timed(dockside);
          const cpuMs = lastCpuMs;
          const b = await timed(cp);
          lastCpuMs = cpuMs;
          return [a, b];
        }
        const b = await timed(cp);
        return [await timed(dockside), b];
      };
      const [bigWriteMs, bigWriteCpMs] = await pair(
        () => files.writeFile(`/bench/big-${round}.bin`, big, { create: true, overwrite: true }),
        () => dockerCp(bigLocal, `${container.id}:/bench/big-cp-${round}.bin`),
      );
      record(`write ${bigMb} MB file`, bigWriteMs, bigWriteCpMs);

      let readBack: Uint8Array | undefined;
      const readDir = path.join(scratch, `read-${round}`);
      fs.mkdirSync(readDir);
      const [readMs, readCpMs] = await pair(
        async () => (readBack = await files.readFile(`/bench/big-${round}.bin`)),
        () => dockerCp(`${container.id}:/bench/big-cp-${round}.bin`, readDir),
      );
      if (!readBack || Buffer.compare(Buffer.from(readBack), big) !== 0) throw new Error('the big file read back differs');
      record(`read ${bigMb} MB file (into memory)`, readMs, readCpMs);
      readBack = undefined;

      const uploadTarget = `/bench/up-${round}`;
      const uploadCpTarget = `/bench/cp-${round}`;
      await files.createDirectory(uploadTarget);
      await files.createDirectory(uploadCpTarget);
      const [upMs, upCpMs] = await pair(
        () => uploadPaths(files.archiveApi, [small], uploadTarget),
        () => dockerCp(small, `${container.id}:${uploadCpTarget}/`),
      );
      record(`upload ${smallCount} small files`, upMs, upCpMs);

      const downDir = path.join(scratch, `down-${round}`);
      const downCpDir = path.join(scratch, `down-cp-${round}`);
      fs.mkdirSync(downCpDir);
      const [downMs, downCpMs] = await pair(
        () => downloadPath(files.archiveApi, `${uploadTarget}/small`, downDir),
        () => dockerCp(`${container.id}:${uploadTarget}/small`, downCpDir),
      );
      if (fs.readdirSync(path.join(downDir, 'small')).length !== smallCount) throw new Error('the download misses files');
      record(`download ${smallCount} small files`, downMs, downCpMs);
      fs.rmSync(readDir, { recursive: true, force: true });
    }

    console.log('\nmedian over the rounds (ratio = dockside / docker cp; goal ≤ 1.20; cpu = this process, user + system):');
    for (const [name, { dockside, dockerCp: cp }] of Object.entries(figures)) {
      const ratios = dockside.map((value, index) => value / cp[index]);
      const mb = name.includes('MB') ? bigMb : undefined;
      const rate = mb ? `  (${(mb / (median(dockside) / 1000)).toFixed(0)} MB/s vs ${(mb / (median(cp) / 1000)).toFixed(0)} MB/s)` : '';
      console.log(`  ${name.padEnd(34)} ${median(dockside).toFixed(0).padStart(6)} ms vs ${median(cp).toFixed(0).padStart(6)} ms   ratio ${median(ratios).toFixed(2)}   cpu ${median(docksideCpuMs[name]).toFixed(0).padStart(5)} ms${rate}`);
    }

    // One by one through the provider, as an editor saving and opening each file would; no docker cp peer.
    // 100 of them: each is a few requests, and a loaded machine makes 1,000 take minutes.
    const names = fs.readdirSync(small).slice(0, Math.min(100, smallCount));
    const oneByOneWrite = await timed(async () => {
      for (const name of names) await files.writeFile(`/bench/one/${name}`, fs.readFileSync(path.join(small, name)), { create: true, overwrite: true }).catch(async (error: unknown) => {
        if (!(await files.archiveApi.statIfExists('/bench/one'))) {
          await files.createDirectory('/bench/one');
          await files.writeFile(`/bench/one/${name}`, fs.readFileSync(path.join(small, name)), { create: true, overwrite: true });
        } else throw error;
      });
    });
    const oneByOneRead = await timed(async () => {
      for (const name of names) await files.readFile(`/bench/one/${name}`);
    });
    console.log(`\nfor reference, file by file through the provider: write ${names.length} files ${oneByOneWrite.toFixed(0)} ms (${(oneByOneWrite / names.length).toFixed(1)} ms each), read ${oneByOneRead.toFixed(0)} ms (${(oneByOneRead / names.length).toFixed(1)} ms each)`);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
