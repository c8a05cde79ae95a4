/**
 * Writes a small `docker-credential-<name>` program into a temp folder (to put first on PATH): it keeps its
 * credentials in a JSON file beside itself and speaks the helper protocol on stdin/stdout.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function writeCredentialHelper(dir: string, name: string): Promise<{ storePath: string; env: NodeJS.ProcessEnv }> {
  const storePath = path.join(dir, `${name}-store.json`);
  const program = path.join(dir, `docker-credential-${name}`);
  const source = `#!${process.execPath}
const fs = require('fs');
const storePath = ${JSON.stringify(storePath)};
const read = () => { try { return JSON.parse(fs.readFileSync(storePath, 'utf8')); } catch { return {}; } };
const action = process.argv[2];
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const store = read();
  if (action === 'get') {
    const entry = store[input.trim()];
    if (!entry) { process.stdout.write('credentials not found in native keychain'); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: entry.Username, Secret: entry.Secret }));
  } else if (action === 'store') {
    const entry = JSON.parse(input);
    store[entry.ServerURL] = { Username: entry.Username, Secret: entry.Secret };
    fs.writeFileSync(storePath, JSON.stringify(store));
  } else if (action === 'erase') {
    if (!store[input.trim()]) { process.stdout.write('credentials not found in native keychain'); process.exit(1); }
    delete store[input.trim()];
    fs.writeFileSync(storePath, JSON.stringify(store));
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([k, v]) => [k, v.Username]))));
  } else { process.stderr.write('unknown action'); process.exit(2); }
});
`;
  await fs.writeFile(program, source, { mode: 0o755 });
  return { storePath, env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` } };
}
