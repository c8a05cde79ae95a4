import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  configWithCurrentContext,
  contextDigest,
  contextMetaText,
  contextNameProblem,
  currentContextOf,
  defaultContextName,
  parseContextMeta,
} from './contextFormat';

/** A context read from the store. */
export interface DockerContext {
  name: string;
  description: string;
  /** The docker endpoint (`unix:///…`, `tcp://…`, `ssh://…`); empty when the context has none. */
  host: string;
  skipTlsVerify: boolean;
  /** Folder with the context's ca.pem/cert.pem/key.pem, when it has TLS material. */
  tlsFolder?: string;
  /** Set when the meta.json could not be read; the context is listed with the reason. */
  error?: string;
}

/** What a new context needs: a docker host and, for tcp+TLS, a folder with ca.pem, cert.pem and key.pem. */
export interface NewContext {
  name: string;
  host: string;
  description?: string;
  /** Copies ca.pem, cert.pem and key.pem (those present) from this folder, as `--docker ca=…,cert=…,key=…`. */
  tlsFolder?: string;
  skipTlsVerify?: boolean;
}

const tlsFiles = ['ca.pem', 'cert.pem', 'key.pem'] as const;

/**
 * The Docker CLI's context store in a config folder (`DOCKER_CONFIG`, else ~/.docker): lists, creates, removes
 * contexts and reads/sets the current one, writing exactly what `docker context create/use/rm` write.
 */
export class ContextStore {
  constructor(readonly configDir: string) {}

  /** The store of the process's environment: `DOCKER_CONFIG`, else `~/.docker`. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): ContextStore {
    return new ContextStore(env.DOCKER_CONFIG || path.join(home, '.docker'));
  }

  private get configFile(): string {
    return path.join(this.configDir, 'config.json');
  }

  private metaDir(name: string): string {
    return path.join(this.configDir, 'contexts', 'meta', contextDigest(name));
  }

  private tlsDir(name: string): string {
    return path.join(this.configDir, 'contexts', 'tls', contextDigest(name));
  }

  private readConfigText(): string | undefined {
    try {
      return fs.readFileSync(this.configFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  /** The current context: `DOCKER_CONTEXT` when given, else config.json's `currentContext`, else `default`. */
  current(env: NodeJS.ProcessEnv = {}): string {
    return env.DOCKER_CONTEXT || currentContextOf(this.readConfigText()) || defaultContextName;
  }

  /** Every context of the store, by name (the `default` one is not stored and not listed). */
  list(): DockerContext[] {
    const metaRoot = path.join(this.configDir, 'contexts', 'meta');
    let entries: string[];
    try {
      entries = fs.readdirSync(metaRoot);
    } catch {
      return [];
    }
    const contexts: DockerContext[] = [];
    for (const entry of entries) {
      const file = path.join(metaRoot, entry, 'meta.json');
      if (!fs.existsSync(file)) {
        continue;
      }
      try {
        contexts.push(this.fromMeta(fs.readFileSync(file, 'utf8'), file));
      } catch (error) {
        contexts.push({ name: entry, description: '', host: '', skipTlsVerify: false, error: (error as Error).message });
      }
    }
    return contexts.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One context by name; undefined when the store has none of that name. */
  get(name: string): DockerContext | undefined {
    const file = path.join(this.metaDir(name), 'meta.json');
    if (!fs.existsSync(file)) {
      return undefined;
    }
    return this.fromMeta(fs.readFileSync(file, 'utf8'), file);
  }

  private fromMeta(text: string, file: string): DockerContext {
    const meta = parseContextMeta(text, file);
    const tlsFolder = path.join(this.tlsDir(meta.Name), 'docker');
    return {
      name: meta.Name,
      description: typeof meta.Metadata.Description === 'string' ? meta.Metadata.Description : '',
      host: meta.Endpoints.docker?.Host ?? '',
      skipTlsVerify: meta.Endpoints.docker?.SkipTLSVerify === true,
      tlsFolder: fs.existsSync(tlsFolder) ? tlsFolder : undefined,
    };
  }

  /** Creates a context; refuses a bad or taken name and a TLS folder without any of ca/cert/key.pem. */
  create(context: NewContext): void {
    const problem = contextNameProblem(context.name);
    if (problem) {
      throw new Error(problem);
    }
    if (fs.existsSync(this.metaDir(context.name))) {
      throw new Error(`A context named "${context.name}" already exists.`);
    }
    const material = new Map<string, Buffer>();
    if (context.tlsFolder) {
      for (const file of tlsFiles) {
        const source = path.join(context.tlsFolder, file);
        if (fs.existsSync(source)) {
          material.set(file, fs.readFileSync(source));
        }
      }
      if (material.size === 0) {
        throw new Error(`${context.tlsFolder} holds none of ca.pem, cert.pem, key.pem.`);
      }
    }
    // The CLI's modes: 0755 folders and a 0644 meta.json; 0700 folders and 0600 files for TLS material.
    fs.mkdirSync(this.metaDir(context.name), { recursive: true, mode: 0o755 });
    fs.writeFileSync(
      path.join(this.metaDir(context.name), 'meta.json'),
      contextMetaText(context.name, { Host: context.host, SkipTLSVerify: context.skipTlsVerify ?? false }, context.description),
      { mode: 0o644 },
    );
    if (material.size > 0) {
      const folder = path.join(this.tlsDir(context.name), 'docker');
      fs.mkdirSync(path.join(this.configDir, 'contexts', 'tls'), { recursive: true, mode: 0o700 });
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
      for (const [file, content] of material) {
        fs.writeFileSync(path.join(folder, file), content, { mode: 0o600 });
      }
    }
  }

  /** Makes a context current (`docker context use`): `currentContext` in config.json, every other key kept. */
  use(name: string): void {
    if (name !== defaultContextName && !this.get(name)) {
      throw new Error(`No context named "${name}".`);
    }
    const text = this.readConfigText();
    fs.mkdirSync(this.configDir, { recursive: true, mode: 0o700 });
    const next = configWithCurrentContext(text, name);
    // Written beside and renamed over, so a crash never leaves a half-written config.json.
    const temporary = `${this.configFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, next, { mode: text === undefined ? 0o644 : fs.statSync(this.configFile).mode & 0o777 });
    fs.renameSync(temporary, this.configFile);
  }

  /** Removes a context (`docker context rm`); refuses the current one and `default`, as the CLI does without -f. */
  remove(name: string, env: NodeJS.ProcessEnv = {}): void {
    if (name === defaultContextName) {
      throw new Error('The default context cannot be removed.');
    }
    if (!fs.existsSync(this.metaDir(name))) {
      throw new Error(`No context named "${name}".`);
    }
    if (this.current(env) === name) {
      throw new Error(`Context "${name}" is in use: make another context current first.`);
    }
    fs.rmSync(this.metaDir(name), { recursive: true, force: true });
    fs.rmSync(this.tlsDir(name), { recursive: true, force: true });
  }
}
