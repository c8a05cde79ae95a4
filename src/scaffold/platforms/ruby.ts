/** Ruby: Gemfile; Rails (port 3000) or a Rack app (config.ru, port 9292). Gems are installed by Bundler. */
import { execForm, expose, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';

export const ruby: PlatformTemplate = {
  id: 'ruby',
  label: 'Ruby',
  detect(files): Facts | undefined {
    const gemfile = files.read('Gemfile');
    if (gemfile === undefined) return undefined;
    const rails = /gem\s+["']rails["']/.test(gemfile);
    const rack = files.read('config.ru') !== undefined;
    return {
      description: rails ? 'Bundler, Rails' : rack ? 'Bundler, Rack' : 'Bundler',
      port: rails ? 3000 : rack ? 9292 : undefined,
      entry: rails || rack ? undefined : files.list('').find((name) => name === 'app.rb' || name === 'main.rb'),
      entryQuestion: rails || rack ? undefined : { prompt: 'The script ruby runs', placeholder: 'app.rb', validate: (value) => (/^[\w./-]+\.rb$/.test(value) ? undefined : 'A Ruby file such as app.rb.') },
      details: { rails, rack, lock: files.read('Gemfile.lock') !== undefined },
    };
  },
  dockerfile({ facts, port, entry = 'app.rb' }) {
    const listen = String(port ?? 3000);
    const command = facts.details.rails === true
      ? ['bin/rails', 'server', '-b', '0.0.0.0', '-p', listen]
      : facts.details.rack === true
        ? ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', listen]
        : ['bundle', 'exec', 'ruby', entry];
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      'FROM ruby:3.3.6-slim-bookworm',
      'ENV BUNDLE_WITHOUT=development:test BUNDLE_DEPLOYMENT=1',
      'RUN useradd --no-log-init --create-home app',
      'WORKDIR /app',
      `COPY Gemfile ${facts.details.lock === true ? 'Gemfile.lock ' : ''}./`,
      'RUN --mount=type=cache,target=/usr/local/bundle/cache bundle install',
      'COPY --chown=app:app . .',
      'USER app',
      expose(port),
      // ruby itself is the probe: the slim image has neither curl nor wget.
      healthcheck(port, (url) => ['ruby', '-rnet/http', '-e', `exit Net::HTTP.get_response(URI('${url}')).is_a?(Net::HTTPSuccess)`]),
      `CMD ${execForm(command)}`,
    );
  },
  ignore: ['.bundle', 'vendor/bundle', 'log', 'tmp', 'coverage'],
};
