// Counts findings per rule and severity over the shared corpus: `npm run bench:lint-corpus [-- --shellcheck] [CODE…]`.
// With codes, also prints each finding of those codes with its line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile } from '../server/dockerfile/lint';
import { initShellParser } from '../server/dockerfile/lint/shell/bashParser';
import { shellcheckDockerfile } from '../server/dockerfile/lint/shellcheck';

async function main(): Promise<void> {
  await initShellParser();
  const corpus = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'dockerfiles');
  if (!fs.existsSync(corpus)) {
    console.log('corpus not found at ../shared/corpus/dockerfiles: nothing to count');
    return;
  }
  const options = process.argv.slice(2);
  const counts = new Map<string, number>();
  let files = 0;
  for (const name of fs.readdirSync(corpus).filter((file) => file.endsWith('Dockerfile')).sort()) {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    files++;
    const input = { text, dockerfile: DockerfileParser.parse(text) };
    const findings = lintDockerfile(input);
    if (options.includes('--shellcheck')) {
      findings.push(...(await shellcheckDockerfile(input, { onUnavailable: (message) => console.log(message) })));
    }
    for (const finding of findings) {
      const key = `${finding.severity} ${finding.code}${finding.name ? ` ${finding.name}` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (options.includes(finding.code)) {
        console.log(`${name}:${finding.range.start.line + 1}: ${finding.message} | ${text.split('\n')[finding.range.start.line].trim().slice(0, 100)}`);
      }
    }
  }
  console.log(`${files} files`);
  for (const [key, count] of [...counts].sort()) {
    console.log(`${String(count).padStart(6)}  ${key}`);
  }
}

void main();
