/** Go: go.mod; the main package at the root or the only one under cmd/. A static binary on Alpine. */
import { busyboxWget, execForm, expose, findPort, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';

const PORT_PATTERNS = [/Listen(?:AndServe)?\(\s*"[^"]*:(\d{2,5})"/, /Addr:\s*"[^"]*:(\d{2,5})"/, /PORT"?\)?\s*(?:,|\|\|)?\s*"(\d{2,5})"/];

export const go: PlatformTemplate = {
  id: 'go',
  label: 'Go',
  detect(files): Facts | undefined {
    const mod = files.read('go.mod');
    if (mod === undefined) return undefined;
    const commands = files.list('cmd').filter((name) => /^package main\b/m.test(files.read(`cmd/${name}/main.go`) ?? ''));
    const entry = /^package main\b/m.test(files.read('main.go') ?? '') ? '.' : commands.length === 1 ? `./cmd/${commands[0]}` : undefined;
    const main = entry === undefined ? undefined : files.read(entry === '.' ? 'main.go' : `${entry.slice(2)}/main.go`);
    return {
      description: /^module\s+(\S+)/m.exec(mod)?.[1] ?? 'go.mod',
      port: findPort(main, PORT_PATTERNS),
      entry,
      entryQuestion: { prompt: 'The main package to build', placeholder: './cmd/server', validate: (value) => (/^\.(\/[\w.-]+)*$/.test(value) ? undefined : 'A package path such as . or ./cmd/server.') },
      details: { sum: files.read('go.sum') !== undefined },
    };
  },
  dockerfile({ facts, port, entry = '.' }) {
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      'FROM golang:1.23.4-alpine3.21 AS build',
      'WORKDIR /src',
      `COPY go.mod ${facts.details.sum === true ? 'go.sum ' : ''}./`,
      'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
      'COPY . .',
      `RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ${entry}`,
      '',
      'FROM alpine:3.21.0',
      'RUN adduser -D -H app',
      'COPY --from=build /out/app /usr/local/bin/app',
      'USER app',
      expose(port),
      // BusyBox wget is part of Alpine: the probe needs nothing installed.
      healthcheck(port, busyboxWget),
      `ENTRYPOINT ${execForm(['/usr/local/bin/app'])}`,
    );
  },
  ignore: ['bin', '*.test', '*.out', 'vendor'],
};
