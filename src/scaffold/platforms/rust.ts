/** Rust: Cargo.toml; the binary named by its package (or its only [[bin]]). A release build on Alpine (musl). */
import { busyboxWget, execForm, expose, findPort, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';

export const rust: PlatformTemplate = {
  id: 'rust',
  label: 'Rust',
  detect(files): Facts | undefined {
    const cargo = files.read('Cargo.toml');
    if (cargo === undefined) return undefined;
    const bin = /\[\[bin\]\][^[]*?name\s*=\s*"([^"]+)"/.exec(cargo)?.[1];
    const name = bin ?? /\[package\][^[]*?name\s*=\s*"([^"]+)"/.exec(cargo)?.[1];
    const main = files.read('src/main.rs');
    return {
      description: name ?? 'Cargo.toml',
      port: findPort(main, [/"(?:0\.0\.0\.0|127\.0\.0\.1|\[::\]|localhost)?:(\d{2,5})"/, /\(\[0,\s*0,\s*0,\s*0\],\s*(\d{2,5})\)/]),
      entry: name,
      entryQuestion: { prompt: 'The binary to run (its name in Cargo.toml)', placeholder: 'server', validate: (value) => (/^[\w-]+$/.test(value) ? undefined : 'A binary name such as server.') },
      details: { lock: files.read('Cargo.lock') !== undefined },
    };
  },
  dockerfile({ port, entry = 'app' }) {
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      'FROM rust:1.83.0-alpine3.21 AS build',
      'WORKDIR /src',
      'COPY . .',
      // target/ is a cache mount, so the binary is copied out of it in the same step.
      `RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/src/target cargo build --release --bin ${entry} && cp target/release/${entry} /tmp/app`,
      '',
      'FROM alpine:3.21.0',
      'RUN adduser -D -H app',
      'COPY --from=build /tmp/app /usr/local/bin/app',
      'USER app',
      expose(port),
      // BusyBox wget is part of Alpine: the probe needs nothing installed.
      healthcheck(port, busyboxWget),
      `ENTRYPOINT ${execForm(['/usr/local/bin/app'])}`,
    );
  },
  ignore: ['target'],
};
