/**
 * Python: requirements.txt, or pyproject.toml managed by Poetry, uv or pip; Django, Flask and FastAPI are
 * recognised with their default ports and entry points. Dependencies go to a virtual environment built in a
 * first stage; the final stage copies it.
 */
import { execForm, expose, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';
import type { ProjectFiles } from '../projectFiles';

type Manager = 'pip' | 'poetry' | 'uv';
type Framework = 'django' | 'flask' | 'fastapi';

const FRAMEWORK_PORT: Record<Framework, number> = { django: 8000, flask: 5000, fastapi: 8000 };

function manager(files: ProjectFiles, pyproject: string | undefined): Manager {
  if (files.read('uv.lock') !== undefined || /^\[tool\.uv\]/m.test(pyproject ?? '')) return 'uv';
  if (files.read('poetry.lock') !== undefined || /^\[tool\.poetry\]/m.test(pyproject ?? '')) return 'poetry';
  return 'pip';
}

/** The file of a module that defines `app` for the framework: `main.py` → `main`. */
function appModule(files: ProjectFiles, marker: RegExp): string | undefined {
  const candidates = ['main.py', 'app.py', 'server.py', 'wsgi.py', 'app/main.py', 'src/main.py', 'app/__init__.py'];
  const found = candidates.find((file) => marker.test(files.read(file) ?? ''));
  return found?.replace(/(\/__init__)?\.py$/, '').replace(/\//g, '.');
}

/** Django's `<project>/wsgi.py` next to manage.py: `<project>.wsgi`. */
function djangoWsgi(files: ProjectFiles): string | undefined {
  const project = files.list('').find((name) => files.read(`${name}/wsgi.py`) !== undefined);
  return project ? `${project}.wsgi` : undefined;
}

const validModule = (value: string) => (/^[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?$|^[\w./-]+\.py$/.test(value) ? undefined : 'A file such as main.py, or a module such as app.main:app.');

export const python: PlatformTemplate = {
  id: 'python',
  label: 'Python',
  detect(files): Facts | undefined {
    const requirements = files.read('requirements.txt');
    const pyproject = files.read('pyproject.toml');
    if (requirements === undefined && pyproject === undefined) return undefined;
    const tool = requirements !== undefined && pyproject === undefined ? 'pip' : manager(files, pyproject);
    const dependencies = `${requirements ?? ''}\n${pyproject ?? ''}`.toLowerCase();
    const has = (name: string) => new RegExp(`(^|[\\s"'])${name}([\\s"'=<>~!\\[;,]|$)`, 'm').test(dependencies);
    const framework = (['django', 'fastapi', 'flask'] as const).find(has);
    const server = has('gunicorn') ? 'gunicorn' : has('uvicorn') ? 'uvicorn' : undefined;
    let entry: string | undefined;
    if (framework === 'django') entry = djangoWsgi(files);
    else if (framework === 'fastapi') entry = appModule(files, /FastAPI\(/);
    else if (framework === 'flask') entry = appModule(files, /Flask\(/);
    else entry = ['main.py', 'app.py'].find((file) => files.read(file) !== undefined);
    return {
      description: [tool, framework].filter(Boolean).join(', '),
      port: framework ? FRAMEWORK_PORT[framework] : undefined,
      entry,
      entryQuestion: framework
        ? { prompt: framework === 'django' ? "The project's WSGI module" : 'The module that defines app', placeholder: framework === 'django' ? 'mysite.wsgi' : 'main', validate: validModule }
        : { prompt: 'The script python runs', placeholder: 'main.py', validate: validModule },
      details: { tool, framework, server, requirements: requirements !== undefined, lock: files.read(tool === 'uv' ? 'uv.lock' : 'poetry.lock') !== undefined },
    };
  },
  dockerfile({ facts, port, entry = 'main.py' }) {
    const tool = facts.details.tool as Manager;
    const framework = facts.details.framework as Framework | undefined;
    const listen = String(port ?? 8000);
    let command: string[];
    if (framework === 'django') {
      command = facts.details.server === 'gunicorn' ? ['gunicorn', '--bind', `0.0.0.0:${listen}`, entry] : ['python', 'manage.py', 'runserver', `0.0.0.0:${listen}`];
    } else if (framework === 'fastapi') {
      command = ['uvicorn', `${entry}:app`, '--host', '0.0.0.0', '--port', listen];
    } else if (framework === 'flask') {
      command = facts.details.server === 'gunicorn' ? ['gunicorn', '--bind', `0.0.0.0:${listen}`, `${entry}:app`] : ['flask', '--app', entry, 'run', '--host', '0.0.0.0', '--port', listen];
    } else {
      command = entry.endsWith('.py') ? ['python', entry] : ['python', '-m', entry];
    }
    const locked = facts.details.lock === true;
    const install: Record<Manager, Array<string | false>> = {
      pip: facts.details.requirements === true
        ? ['COPY requirements.txt ./', 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt', 'COPY . .']
        : ['COPY . .', 'RUN --mount=type=cache,target=/root/.cache/pip pip install .'],
      poetry: [
        'RUN --mount=type=cache,target=/root/.cache/pip pip install poetry==1.8.5',
        'ENV POETRY_VIRTUALENVS_CREATE=false',
        `COPY pyproject.toml ${locked ? 'poetry.lock ' : ''}./`,
        'RUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --only main --no-root --no-interaction',
        'COPY . .',
      ],
      uv: [
        'COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /usr/local/bin/uv',
        'ENV UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/opt/venv',
        `COPY pyproject.toml ${locked ? 'uv.lock ' : ''}./`,
        `RUN --mount=type=cache,target=/root/.cache/uv uv sync ${locked ? '--frozen ' : ''}--no-dev --no-install-project`,
        'COPY . .',
      ],
    };
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      'FROM python:3.12.8-slim-bookworm AS build',
      'RUN python -m venv /opt/venv',
      'ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH',
      'WORKDIR /app',
      ...install[tool],
      '',
      'FROM python:3.12.8-slim-bookworm',
      'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH',
      'RUN useradd --no-log-init --create-home app',
      'WORKDIR /app',
      'COPY --from=build /opt/venv /opt/venv',
      'COPY --from=build --chown=app:app /app ./',
      'USER app',
      expose(port),
      // python itself is the probe: the slim image has neither curl nor wget.
      healthcheck(port, (url) => ['python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=4)`]),
      `CMD ${execForm(command)}`,
    );
  },
  ignore: ['__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '*.egg-info'],
};
