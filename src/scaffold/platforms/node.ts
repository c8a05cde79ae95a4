/** Node.js: package.json, with npm, yarn or pnpm by its lock file; the start script or main file; the port it listens on. */
import { execForm, expose, findPort, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';

type Manager = 'npm' | 'yarn' | 'pnpm';

interface PackageJson {
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const install: Record<Manager, { lockfile: string; cache: string; ci: string; any: string; prune: string }> = {
  npm: { lockfile: 'package-lock.json', cache: '/root/.npm', ci: 'npm ci', any: 'npm install', prune: 'npm prune --omit=dev' },
  yarn: { lockfile: 'yarn.lock', cache: '/usr/local/share/.cache/yarn', ci: 'yarn install --frozen-lockfile', any: 'yarn install', prune: 'yarn install --production --frozen-lockfile' },
  pnpm: { lockfile: 'pnpm-lock.yaml', cache: '/root/.local/share/pnpm/store', ci: 'pnpm install --frozen-lockfile', any: 'pnpm install', prune: 'pnpm prune --prod' },
};

const PORT_PATTERNS = [/PORT\s*(?:\|\||\?\?)\s*(\d{2,5})/, /\.listen\(\s*(\d{2,5})/, /port\s*[:=]\s*(\d{2,5})/i];

/** `node server.js` or `node --flag dist/main.js`: the file a start script runs with node itself. */
function nodeEntry(script: string | undefined): string | undefined {
  const match = script === undefined ? null : /^node\s+(?:--?[\w-]+(?:=\S+)?\s+)*([\w./-]+\.[cm]?js)\s*$/.exec(script.trim());
  return match?.[1];
}

export const node: PlatformTemplate = {
  id: 'node',
  label: 'Node.js',
  detect(files): Facts | undefined {
    const text = files.read('package.json');
    if (text === undefined) return undefined;
    let manifest: PackageJson;
    try {
      manifest = JSON.parse(text) as PackageJson;
    } catch {
      manifest = {};
    }
    const manager: Manager = files.read('pnpm-lock.yaml') !== undefined ? 'pnpm' : files.read('yarn.lock') !== undefined ? 'yarn' : 'npm';
    const start = manifest.scripts?.start;
    const entry = nodeEntry(start) ?? (start === undefined ? manifest.main : undefined);
    const sources = [entry, 'server.js', 'index.js', 'app.js', 'src/index.js', 'src/server.js'].map((file) => (file ? files.read(file) : undefined));
    const port = findPort(start, [/PORT=(\d{2,5})/]) ?? sources.map((source) => findPort(source, PORT_PATTERNS)).find((found) => found !== undefined);
    const framework = ['next', 'express', 'fastify', 'koa', '@nestjs/core'].find((name) => manifest.dependencies?.[name]);
    return {
      description: [manager, framework].filter(Boolean).join(', '),
      port: port ?? (framework === 'next' ? 3000 : undefined),
      // `npm start` needs no entry point; a project without a start script needs the file node runs.
      entry: start !== undefined && entry === undefined ? undefined : entry,
      entryQuestion: start === undefined ? { prompt: 'The file node runs (relative to the folder)', placeholder: 'index.js', validate: (value) => (/^[\w./-]+$/.test(value) ? undefined : 'A relative path such as index.js or src/server.js.') } : undefined,
      details: { manager, lockfile: files.read(install[manager].lockfile) !== undefined, build: manifest.scripts?.build !== undefined, startScript: start !== undefined },
    };
  },
  dockerfile({ facts, port, entry }) {
    const manager = facts.details.manager as Manager;
    const steps = install[manager];
    const locked = facts.details.lockfile === true;
    const cache = `--mount=type=cache,target=${steps.cache}`;
    const manifests = locked ? `package.json ${steps.lockfile}` : 'package.json';
    const command = entry ? ['node', entry] : [manager, 'start'];
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      'FROM node:22.12.0-alpine3.21 AS build',
      'WORKDIR /app',
      manager === 'pnpm' && 'RUN corepack enable',
      `COPY ${manifests} ./`,
      `RUN ${cache} ${locked ? steps.ci : steps.any}`,
      'COPY . .',
      facts.details.build === true && `RUN ${manager} run build`,
      `RUN ${cache} ${steps.prune}`,
      '',
      'FROM node:22.12.0-alpine3.21',
      'ENV NODE_ENV=production',
      'WORKDIR /app',
      manager === 'pnpm' && 'RUN corepack enable',
      'COPY --from=build --chown=node:node /app ./',
      'USER node',
      expose(port),
      // Node 22 has fetch: the probe needs no tool the image lacks.
      healthcheck(port, (url) => ['node', '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`]),
      `CMD ${execForm(command)}`,
    );
  },
  ignore: ['node_modules', 'npm-debug.log*', 'yarn-error.log', '.pnpm-store', 'coverage', '.next/cache'],
};
