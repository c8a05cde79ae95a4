import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-lint-inputs-'));
after(() => fs.rmSync(folder, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs dist/cli.js; a run that does not end in 30 s fails the test instead of hanging it. */
function run(args: string[], input?: string | Uint8Array) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: folder, input, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.signal, null, `dockside-lint ${args.join(' ')} ended by ${result.signal}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs dist/cli.js with `source` piped to its standard input, as a shell pipe would. */
function runPiped(args: string[], source: NodeJS.ReadableStream): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: folder });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined); // The linter stops reading once it refuses.
    source.pipe(child.stdin);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('dockside-lint did not end within 30 s'));
    }, 30_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      source.unpipe(child.stdin);
      resolve({ status, stdout, stderr });
    });
  });
}

const dockerfile = 'FROM alpine:3.20\nRUN echo hi\n';

describe('dockside-lint input limits', { skip: fs.existsSync(cli) ? false : 'dist/cli.js not built (npm run build)' }, () => {
  test('a file above the size limit is refused at once with exit 2 and a message; --max-size raises the limit', () => {
    const big = write('Big.Dockerfile', `${dockerfile}${'# padding line of a large Dockerfile\n'.repeat(150_000)}`);
    const refused = run(['--no-shellcheck', big]);
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /Big\.Dockerfile: refused: the file \(5\.\d MB\) is larger than 4 MB, the most dockside-lint reads \(--max-size\)/);
    const medium = write('Medium.Dockerfile', `${dockerfile}${'# padding\n'.repeat(500)}`);
    assert.match(run(['--no-shellcheck', '--max-size=1k', medium]).stderr, /Medium\.Dockerfile: refused: the file \(4\.9 KB\) is larger than 1 KB/);
    assert.equal(run(['--no-shellcheck', '--max-size', '8k', medium]).status, 0, 'linted under a raised limit');
    assert.match(run(['--no-shellcheck', '--max-size=100', write('Small.Dockerfile', dockerfile.repeat(10))]).stderr, /larger than 100 bytes/);
  });

  test('the other files are still linted when one is refused', () => {
    const good = write('Good.Dockerfile', 'FROM alpine\n');
    const result = run(['--no-shellcheck', '--max-size', '1k', write('Large.Dockerfile', 'x'.repeat(2000)), good]);
    assert.equal(result.status, 2);
    assert.match(result.stdout, /Good\.Dockerfile:1:6 warning DS201 /);
  });

  test('a bad --max-size is a usage error', () => {
    for (const size of ['0', '-1', 'lots', '4x']) {
      const result = run(['--max-size', size, 'Dockerfile']);
      assert.equal(result.status, 2, size);
      assert.match(result.stderr, /--max-size '.*' is not a size/);
    }
  });

  test('--help documents the limit and its default', () => {
    const help = run(['--help']);
    assert.match(help.stdout, /--max-size SIZE/);
    assert.match(help.stdout, /default 4MB/);
  });

  test('a character device, a FIFO, a socket and a directory are refused without being read', { skip: process.platform === 'win32' }, async () => {
    assert.match(run(['/dev/zero']).stderr, /\/dev\/zero: refused: a character device, not a regular file/);
    const fifo = path.join(folder, 'fifo.Dockerfile');
    spawnSync('mkfifo', [fifo]);
    const fromFifo = run([fifo]);
    assert.equal(fromFifo.status, 2);
    assert.match(fromFifo.stderr, /fifo\.Dockerfile: refused: a FIFO, not a regular file/);
    const socketPath = path.join(folder, 'sock.Dockerfile');
    const server = net.createServer().listen(socketPath);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      // Spawned asynchronously: the server must keep answering while the linter runs.
      const fromSocket = await runPiped([socketPath], fs.createReadStream('/dev/null'));
      assert.equal(fromSocket.status, 2);
      assert.match(fromSocket.stderr, /sock\.Dockerfile: refused: a socket, not a regular file/);
    } finally {
      server.close();
    }
    assert.match(run([folder]).stderr, /refused: a directory, not a regular file/);
  });

  test('binary content is refused: NUL bytes near the start, bytes that are not UTF-8', () => {
    const withNul = run([write('Nul.Dockerfile', Buffer.concat([Buffer.from('FROM alpine\n'), Buffer.from([0, 1, 2, 3])]))]);
    assert.equal(withNul.status, 2);
    assert.match(withNul.stderr, /Nul\.Dockerfile: refused: binary content \(a NUL byte at offset 12\), not a Dockerfile/);
    const latin1 = run([write('Latin1.Dockerfile', Buffer.from('FROM alpine\nLABEL author="Andr\xe9"\n', 'latin1'))]);
    assert.equal(latin1.status, 2);
    assert.match(latin1.stderr, /Latin1\.Dockerfile: refused: binary content \(bytes that are not UTF-8\)/);
    const utf16 = run([write('Utf16.Dockerfile', Buffer.from('\ufeffFROM alpine\n', 'utf16le'))]);
    assert.equal(utf16.status, 2);
    assert.match(utf16.stderr, /refused: binary content/);
    assert.equal(run(['--no-shellcheck', write('Utf8.Dockerfile', '\ufeffFROM alpine:3.20\nLABEL author="André 🐳"\n')]).status, 0, 'UTF-8 text with a BOM is linted');
  });

  test('standard input is held to the same limit while it is read, and an endless one is cut off', { skip: process.platform === 'win32' }, async () => {
    const refused = run(['--no-shellcheck', '--max-size', '1k', '-'], 'x'.repeat(5000));
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /-: refused: standard input is larger than 1 KB/);
    assert.equal(run(['--no-shellcheck', '-'], dockerfile).status, 0);
    const endless = await runPiped(['-'], fs.createReadStream('/dev/zero'));
    assert.equal(endless.status, 2);
    assert.match(endless.stderr, /-: refused: standard input is larger than 4 MB/);
    assert.match(run(['-'], Buffer.from([0x46, 0, 0x52])).stderr, /-: refused: binary content/);
  });
});

describe('dockside-lint text output', { skip: fs.existsSync(cli) ? false : 'dist/cli.js not built (npm run build)' }, () => {
  test("a Dockerfile's terminal escape sequences are printed as escapes, never raw", () => {
    const hostile = write('Hostile.Dockerfile', 'FROM alpine:3.20\n\x1b]0;owned\x07\x1b[2JRUNN x\nRUN echo \u202eevil\n');
    const result = run(['--no-shellcheck', hostile]);
    assert.equal(result.status, 1);
    assert.ok(![...result.stdout].some((char) => char !== '\n' && (char < ' ' || (char >= '\x7f' && char <= '\x9f') || (char >= '\u202a' && char <= '\u202e'))), 'no control character reaches the terminal');
    assert.match(result.stdout, /Hostile\.Dockerfile:2:1 error DS100 Unknown instruction: \\x1b\]0;OWNED\\x07\\x1b\[2JRUNN/);
    const json = JSON.parse(run(['--no-shellcheck', '--format', 'json', hostile]).stdout) as { message: string }[];
    assert.ok(json.some((finding) => finding.message.includes('\x1b]0;OWNED\x07')), 'JSON keeps the exact text, escaped by JSON itself');
  });

  test('JSON and SARIF escape C1 controls and bidirectional overrides too, and keep the exact text for a parser', () => {
    const hostile = write('C1.Dockerfile', 'FROM alpine:3.20\n\u009b2J\u202eRUNN x\n');
    for (const format of ['json', 'sarif']) {
      const { stdout } = run(['--no-shellcheck', '--format', format, hostile]);
      assert.ok(![...stdout].some((char) => (char >= '\x7f' && char <= '\x9f') || (char >= '\u202a' && char <= '\u202e')), `${format}: no raw control character`);
      assert.ok(stdout.includes('\\u009b') && stdout.includes('\\u202e'), `${format}: written as \\u escapes`);
      assert.ok(JSON.stringify(JSON.parse(stdout)).includes('\u009b2J\u202eRUNN'), `${format}: the same text once parsed`);
    }
  });

  test('a path with control characters is printed escaped, in findings and in messages', { skip: process.platform === 'win32' }, () => {
    const file = write('bad\x1b[31mname.Dockerfile', 'FROM alpine\n');
    const result = run(['--no-shellcheck', file]);
    assert.match(result.stdout, /bad\\x1b\[31mname\.Dockerfile:1:6 warning DS201/);
    const missing = run(['missing\x1b[2J.Dockerfile']);
    assert.match(missing.stderr, /cannot read missing\\x1b\[2J\.Dockerfile: ENOENT/);
    assert.ok(!missing.stderr.includes('\x1b'));
  });
});
