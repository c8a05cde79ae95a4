/**
 * PHP: composer.json (dependencies installed by Composer in a first stage) or a folder of .php files; Laravel
 * (artisan) is served by `artisan serve`, others by PHP's built-in server from public/ when there is one.
 */
import { execForm, expose, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';

export const php: PlatformTemplate = {
  id: 'php',
  label: 'PHP',
  detect(files): Facts | undefined {
    const composer = files.read('composer.json');
    const scripts = files.list('').some((name) => name.endsWith('.php')) || files.read('public/index.php') !== undefined;
    if (composer === undefined && !scripts) return undefined;
    const laravel = files.read('artisan') !== undefined;
    return {
      description: [composer !== undefined && 'Composer', laravel && 'Laravel'].filter(Boolean).join(', ') || 'PHP',
      port: laravel ? 8000 : 8080,
      entry: laravel ? undefined : files.read('public/index.php') !== undefined ? 'public' : '.',
      details: { composer: composer !== undefined, lock: files.read('composer.lock') !== undefined, laravel },
    };
  },
  dockerfile({ facts, port, entry = '.' }) {
    const listen = String(port ?? 8080);
    const command = facts.details.laravel === true
      ? ['php', 'artisan', 'serve', '--host=0.0.0.0', `--port=${listen}`]
      : ['php', '-S', `0.0.0.0:${listen}`, '-t', entry];
    const composer = facts.details.composer === true;
    return lines(
      composer && '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      composer && 'FROM composer:2.8.4 AS vendor',
      composer && 'WORKDIR /app',
      composer && `COPY composer.json ${facts.details.lock === true ? 'composer.lock ' : ''}./`,
      composer && 'RUN --mount=type=cache,target=/tmp/cache composer install --no-dev --no-interaction --no-scripts --prefer-dist --ignore-platform-reqs',
      composer && '',
      'FROM php:8.3.14-cli-alpine3.21',
      'RUN adduser -D -H app',
      'WORKDIR /app',
      'COPY --chown=app:app . .',
      composer && 'COPY --from=vendor --chown=app:app /app/vendor ./vendor',
      'USER app',
      expose(port),
      // php itself is the probe (BusyBox wget would do too); it fails on any HTTP error.
      healthcheck(port, (url) => ['php', '-r', `exit(@file_get_contents('${url}') === false ? 1 : 0);`]),
      `CMD ${execForm(command)}`,
    );
  },
  ignore: ['vendor', 'node_modules', 'storage/logs', '.phpunit.result.cache'],
};
