/**
 * Benchmark: Dockside's Compose support against Microsoft's compose-language-service (what Container Tools ships)
 * and Red Hat's yaml-language-server given the Compose schema (as a YAML-extension user has it), all over stdio,
 * in one run, alternating which goes first. Figures, on the Compose corpus:
 * - time from didOpen to the first publishDiagnostics (median, p95), and how many diagnostics of each severity;
 * - hover on the first `image:` key and completion at its start (a service's keys), median of each file's
 *   request after warm-up files;
 * - the CPU time each server process spent per file (from /proc: unlike wall times, a loaded machine hardly
 *   changes it);
 * - our server's resident memory after initialize and after every corpus file was opened and closed.
 * Run with `npm run bench:compose` (builds dist/server.js as the .vsix ships it). The other servers are installed
 * into a scratch folder outside the project (npm, pinned versions): yaml-language-server 1.19.2 is the last that
 * runs on Node 20. `-- --files=N` benchmarks the other servers on N corpus files (60 by default; each of them waits
 * before it publishes, so the whole corpus takes minutes); ours always runs on all.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../src/language/serverFlags';
import { ComposeBenchClient } from './composeClient';

const root = path.resolve(__dirname, '..');
const corpus = path.resolve(root, '../shared/corpus/compose');
const ours = path.join(root, 'dist/server.js');
const scratch = path.join(os.tmpdir(), 'dockside-bench-compose-servers');
const PACKAGES = ['@microsoft/compose-language-service@1.0.0', 'yaml-language-server@1.19.2'];
const WARMUP_FILES = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (values: number[]) => percentile(values, 50);

/** Installs the other servers once into the scratch folder (outside the project's dependency tree). */
function otherServers(): { microsoft: string; redhat: string } {
  const microsoftPackage = path.join(scratch, 'node_modules/@microsoft/compose-language-service/package.json');
  const redhat = path.join(scratch, 'node_modules/yaml-language-server/bin/yaml-language-server');
  if (!fs.existsSync(microsoftPackage) || !fs.existsSync(redhat)) {
    fs.mkdirSync(scratch, { recursive: true });
    if (!fs.existsSync(path.join(scratch, 'package.json'))) {
      fs.writeFileSync(path.join(scratch, 'package.json'), '{ "private": true }\n');
    }
    console.log(`Installing ${PACKAGES.join(', ')} into ${scratch}…`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...PACKAGES], { cwd: scratch, stdio: 'inherit' });
  }
  const bin = JSON.parse(fs.readFileSync(microsoftPackage, 'utf8')).bin as Record<string, string>;
  return { microsoft: path.join(scratch, 'node_modules/@microsoft/compose-language-service', bin['docker-compose-langserver']), redhat };
}

/** The first `image:` key of a file: hover on it, complete at its start (the keys a service takes). */
function requestPosition(text: string): { line: number; character: number } | undefined {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => /^\s+image:/.test(candidate));
  return line < 0 ? undefined : { line, character: /^\s*/.exec(lines[line])![0].length };
}

async function main(): Promise<void> {
  if (!fs.existsSync(corpus)) {
    console.log(`The Compose corpus is absent (${corpus}): nothing to measure.`);
    return;
  }
  if (!fs.existsSync(ours)) {
    throw new Error('dist/server.js is missing: run `npm run bench:compose` (it builds first).');
  }
  const filesArg = process.argv.find((arg) => arg.startsWith('--files='));
  const all = fs.readdirSync(corpus).filter((name) => /\.ya?ml$/.test(name)).sort();
  const sampleSize = filesArg ? (filesArg.endsWith('=all') ? all.length : Number(filesArg.slice('--files='.length))) : 60;
  const step = all.length / Math.min(sampleSize, all.length);
  const sample = Array.from({ length: Math.min(sampleSize, all.length) }, (_, index) => all[Math.floor(index * step)]);
  const { microsoft, redhat } = otherServers();
  const schemaUri = pathToFileURL(path.join(root, 'server/compose/schema/compose-spec.json')).toString();
  const yamlSettings = {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: true },
      schemaStore: { enable: false },
      schemas: { [schemaUri]: ['*compose*.yml', '*compose*.yaml'] },
    },
  };
  const servers = [
    new ComposeBenchClient('Dockside', ours, SERVER_EXEC_ARGV, 'dockercompose', {}, SERVER_ENV),
    new ComposeBenchClient('compose-language-service', microsoft, [], 'dockercompose', {}),
    new ComposeBenchClient('yaml-language-server', redhat, [], 'yaml', yamlSettings),
  ];
  for (const server of servers) {
    await server.initialize();
  }
  const ourStartRss = servers[0].rssMb();

  const times = new Map<string, number[]>(servers.map((server) => [server.name, []]));
  const hovers = new Map<string, number[]>(servers.map((server) => [server.name, []]));
  const completions = new Map<string, number[]>(servers.map((server) => [server.name, []]));
  const cpuBefore = new Map<string, number>(servers.map((server) => [server.name, server.cpuMs()]));
  const counts = new Map<string, { errors: number; others: number; missing: number }>(servers.map((server) => [server.name, { errors: 0, others: 0, missing: 0 }]));
  for (const [index, name] of sample.entries()) {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    const order = index % 3 === 0 ? servers : index % 3 === 1 ? [servers[1], servers[2], servers[0]] : [servers[2], servers[0], servers[1]];
    for (const server of order) {
      const uri = pathToFileURL(path.join(corpus, name)).toString();
      const result = await server.open(uri, text);
      const count = counts.get(server.name)!;
      if (result.ms === undefined) {
        count.missing++;
      } else {
        times.get(server.name)!.push(result.ms);
        count.errors += result.diagnostics.filter((d) => d.severity === 1).length;
        count.others += result.diagnostics.filter((d) => d.severity !== 1).length;
      }
      const position = requestPosition(text);
      if (position) {
        const hover = await server.time('textDocument/hover', uri, { line: position.line, character: position.character + 1 });
        const completion = await server.time('textDocument/completion', uri, position);
        if (index >= WARMUP_FILES) {
          hovers.get(server.name)!.push(hover);
          completions.get(server.name)!.push(completion);
        }
      }
      await server.close(uri);
    }
  }
  const cpuPerFile = servers.map((server) => (server.cpuMs() - cpuBefore.get(server.name)!) / sample.length);
  // The rest of the corpus through our server only, for its memory after every file.
  for (const name of all.filter((file) => !sample.includes(file))) {
    const uri = pathToFileURL(path.join(corpus, name)).toString();
    await servers[0].open(uri, fs.readFileSync(path.join(corpus, name), 'utf8'));
    await servers[0].close(uri);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const ourEndRss = servers[0].rssMb();
  const rss = servers.map((server) => server.rssMb());

  const rows: string[][] = [['', ...servers.map((server) => server.name)]];
  const format = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
  rows.push([`time to diagnostics median ms (${sample.length} files)`, ...servers.map((server) => format(median(times.get(server.name)!)))]);
  rows.push(['time to diagnostics p95 ms', ...servers.map((server) => format(percentile(times.get(server.name)!, 95)))]);
  rows.push(['files with no diagnostics within 5 s', ...servers.map((server) => String(counts.get(server.name)!.missing))]);
  rows.push(['error diagnostics on the files (all valid)', ...servers.map((server) => String(counts.get(server.name)!.errors))]);
  rows.push(['hover median ms', ...servers.map((server) => format(median(hovers.get(server.name)!)))]);
  rows.push(['hover p95 ms', ...servers.map((server) => format(percentile(hovers.get(server.name)!, 95)))]);
  rows.push(['completion median ms', ...servers.map((server) => format(median(completions.get(server.name)!)))]);
  rows.push(['completion p95 ms', ...servers.map((server) => format(percentile(completions.get(server.name)!, 95)))]);
  rows.push(['server CPU per file ms (open, diagnostics, hover, completion; mean)', ...cpuPerFile.map((value) => value.toFixed(1))]);
  rows.push(['RSS after the sample MB', ...rss.map((value) => value.toFixed(0))]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  }
  console.log(
    `\nDockside, whole corpus (${all.length} files, each opened and closed): RSS ${ourStartRss.toFixed(0)} MB after initialize → ${ourEndRss.toFixed(0)} MB, growth ${(ourEndRss - ourStartRss).toFixed(1)} MB.`,
  );
  console.log(`Machine load while measuring: ${os.loadavg().map((value) => value.toFixed(1)).join(' ')} (${os.cpus().length} cores).`);
  for (const server of servers) {
    await server.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
