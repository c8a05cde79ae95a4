// `npm run bench:lint`: cost of lintDockerfile over the corpus and over a generated 50,000-line Dockerfile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile } from '../server/dockerfile/lint';
import { initShellParser } from '../server/dockerfile/lint/shell/bashParser';

function timed<T>(work: () => T): [T, number] {
  const started = process.hrtime.bigint();
  const result = work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

async function main(): Promise<void> {
  await initShellParser();
  const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'dockerfiles');
  if (fs.existsSync(corpus)) {
    const texts = fs.readdirSync(corpus).filter((name) => name.endsWith('Dockerfile')).map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'));
    const parsed = texts.map((text) => ({ text, dockerfile: DockerfileParser.parse(text) }));
    lintDockerfile(parsed[0]); // warm up
    const perFile: number[] = [];
    const [, total] = timed(() => parsed.forEach((input) => perFile.push(timed(() => lintDockerfile(input))[1])));
    perFile.sort((a, b) => a - b);
    console.log(`corpus: ${parsed.length} files, lint total ${total.toFixed(0)} ms, median ${perFile[perFile.length >> 1].toFixed(2)} ms, p95 ${perFile[Math.floor(perFile.length * 0.95)].toFixed(2)} ms, max ${perFile.at(-1)!.toFixed(1)} ms`);
  } else {
    console.log('corpus: ../shared/corpus/dockerfiles not found, skipped');
  }

  const lines = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:12', 'FROM ${BASE} AS build'];
  for (let i = 0; lines.length < 50_000; i++) {
    lines.push(
      `RUN apt-get update && apt-get install -y --no-install-recommends pkg${i}=1.0 \\`,
      `    && curl -fsSL https://example.org/${i}.tgz | tar -xz -C /opt \\`,
      `    && rm -rf /var/lib/apt/lists/*`,
      `ENV VAR_${i}=value${i}`,
      `COPY --from=build /opt/${i} /opt/${i}`,
    );
  }
  const text = `${lines.join('\n')}\n`;
  const [dockerfile, parseMs] = timed(() => DockerfileParser.parse(text));
  const [findings, lintMs] = timed(() => lintDockerfile({ text, dockerfile }));
  console.log(`generated: ${lines.length} lines, parse ${parseMs.toFixed(0)} ms, lint ${lintMs.toFixed(0)} ms, ${findings.length} findings, lint/parse ${(lintMs / parseMs).toFixed(2)}x`);
  const edited = text.replace('pkg100=1.0', 'pkg100=1.1');
  const [editedDockerfile, reparseMs] = timed(() => DockerfileParser.parse(edited));
  const [, relintMs] = timed(() => lintDockerfile({ text: edited, dockerfile: editedDockerfile }));
  console.log(`generated, one RUN edited: parse ${reparseMs.toFixed(0)} ms, lint ${relintMs.toFixed(0)} ms (unchanged RUN scripts come from the parse cache)`);
}

void main();
