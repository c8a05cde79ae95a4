/**
 * The `docker-credential-<name>` protocol: `get`, `store`, `erase` and `list`, one JSON or text message on
 * stdin and stdout. The program is run directly (no shell), found on PATH as the Docker CLI finds it.
 * Secrets travel only through the pipes: never in arguments, the environment or an error message.
 */
import { spawn } from 'node:child_process';
import type { AuthConfig } from './authConfig';

const tokenUser = '<token>';
const notFound = /credentials not found/i;
const helperName = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const timeoutMs = 30_000;

export class CredentialHelperError extends Error {}

interface HelperCredential {
  ServerURL?: string;
  Username?: string;
  Secret?: string;
}

export class CredentialHelper {
  readonly program: string;

  constructor(readonly name: string, private readonly env: NodeJS.ProcessEnv = process.env) {
    if (!helperName.test(name)) {
      throw new CredentialHelperError(`"${name}" is not a credential helper name (docker-credential-<name>).`);
    }
    this.program = `docker-credential-${name}`;
  }

  /** The credentials stored for `serverAddress`, or undefined when the helper has none. */
  async get(serverAddress: string): Promise<AuthConfig | undefined> {
    const result = await this.run('get', serverAddress);
    if (result.code !== 0) {
      if (notFound.test(result.stdout) || notFound.test(result.stderr)) return undefined;
      throw this.failure('get', result);
    }
    let parsed: HelperCredential;
    try {
      parsed = JSON.parse(result.stdout) as HelperCredential;
    } catch {
      throw new CredentialHelperError(`${this.program} get answered something that is not JSON.`);
    }
    if (!parsed.Username && !parsed.Secret) return undefined;
    if (parsed.Username === tokenUser) {
      return { serveraddress: serverAddress, identitytoken: parsed.Secret };
    }
    return { serveraddress: serverAddress, username: parsed.Username, password: parsed.Secret };
  }

  async store(serverAddress: string, config: AuthConfig): Promise<void> {
    const body: HelperCredential = config.identitytoken
      ? { ServerURL: serverAddress, Username: tokenUser, Secret: config.identitytoken }
      : { ServerURL: serverAddress, Username: config.username ?? '', Secret: config.password ?? '' };
    const result = await this.run('store', JSON.stringify(body));
    if (result.code !== 0) throw this.failure('store', result);
  }

  /** Removes the credentials of `serverAddress`; having none is not an error. */
  async erase(serverAddress: string): Promise<void> {
    const result = await this.run('erase', serverAddress);
    if (result.code !== 0 && !notFound.test(result.stdout) && !notFound.test(result.stderr)) throw this.failure('erase', result);
  }

  /** Server address → user name, for every credential the helper holds. */
  async list(): Promise<Record<string, string>> {
    const result = await this.run('list', '');
    if (result.code !== 0) throw this.failure('list', result);
    try {
      const parsed = JSON.parse(result.stdout || '{}') as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      throw new CredentialHelperError(`${this.program} list answered something that is not JSON.`);
    }
  }

  /** The helper's own words, cut short: helpers print reasons, never the secret they were given. */
  private failure(action: string, result: { code: number | null; stdout: string; stderr: string }): CredentialHelperError {
    const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0].slice(0, 200);
    return new CredentialHelperError(`${this.program} ${action} failed${result.code === null ? '' : ` (exit ${result.code})`}${said ? `: ${said}` : '.'}`);
  }

  private run(action: string, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, [action], { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, timeout: timeoutMs });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          new CredentialHelperError(
            error.code === 'ENOENT' ? `The credential helper ${this.program} is not on PATH (named by the Docker config).` : `Could not run ${this.program}: ${error.message}`,
          ),
        ),
      );
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    });
  }
}
