/**
 * Parsing and validation of what a user types for `docker run`-like options. Pure: each parser returns
 * either the value or the reason it is refused, so the quick input can show the reason as it is typed.
 */
import * as path from 'node:path';
import type { Parsed } from '../registry/imageReference';

export interface PortMapping {
  hostIp?: string;
  /** Empty: the engine picks a free host port. */
  hostPort?: number;
  /** The end of a host port range (`8000-8001:…`); with one container port, the engine picks one of the range. */
  hostPortEnd?: number;
  containerPort: number;
  /** The end of a container port range (`…:8000-8001`); a host range then has the same length. */
  containerPortEnd?: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface VolumeMount {
  kind: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

export interface EnvEntry {
  key: string;
  /** Absent: `-e NAME`, the variable passes through from the environment (and is left out when unset there). */
  value?: string;
}

export interface RestartPolicy {
  name: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  maximumRetryCount?: number;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

function parsePortNumber(text: string, what: string): Parsed<number> {
  if (!/^\d{1,5}$/.test(text)) {
    return refuse(`${what} "${text}" is not a number.`);
  }
  const port = Number(text);
  if (port < 1 || port > 65535) {
    return refuse(`${what} ${port} is out of range (1–65535).`);
  }
  return ok(port);
}

/** `N` or `N-M` (M ≥ N). */
function parsePortRange(text: string, what: string): Parsed<{ start: number; end?: number }> {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const port = parsePortNumber(text, what);
    return port.ok ? ok({ start: port.value }) : port;
  }
  const start = parsePortNumber(text.slice(0, dash), what);
  if (!start.ok) return start;
  const end = parsePortNumber(text.slice(dash + 1), what);
  if (!end.ok) return end;
  if (end.value < start.value) {
    return refuse(`${what} range ${text} ends before it starts.`);
  }
  return ok({ start: start.value, end: end.value === start.value ? undefined : end.value });
}

const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * `[ip:]host:container[/tcp|udp|sctp]` or `container[/proto]` (host port chosen by the engine), each port or a
 * range `8000-8001` as `docker run -p` takes them: a container range needs a host range of the same length (or
 * none); a host range with one container port lets the engine pick one of the range.
 */
export function parsePort(input: string): Parsed<PortMapping> {
  const text = input.trim();
  if (text === '') {
    return refuse('Empty port mapping; expected [ip:]host:container[/tcp|udp].');
  }
  let protocol: PortMapping['protocol'] = 'tcp';
  let rest = text;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') {
      return refuse(`Unknown protocol "${proto}" in "${text}"; use tcp, udp or sctp.`);
    }
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  const bracketed = /^\[([0-9a-fA-F:]+)\]:(.*)$/.exec(rest);
  if (bracketed) {
    hostIp = bracketed[1];
    rest = bracketed[2];
  }
  const parts = rest.split(':');
  if (!hostIp && parts.length === 3) {
    hostIp = parts.shift();
    if (!ipv4.test(hostIp ?? '')) {
      return refuse(`"${hostIp}" is not an IPv4 address (write IPv6 in brackets: [::1]:8080:80).`);
    }
  }
  if (parts.length > 2 || parts.some((part, index) => part === '' && !(index === 0 && parts.length === 2))) {
    return refuse(`"${text}" is not a port mapping; expected [ip:]host:container[/tcp|udp], e.g. 8080:80.`);
  }
  const container = parsePortRange(parts[parts.length - 1], 'Container port');
  if (!container.ok) {
    return container;
  }
  const mapping: PortMapping = { hostIp, hostPort: undefined, containerPort: container.value.start, protocol };
  if (container.value.end !== undefined) mapping.containerPortEnd = container.value.end;
  if (parts.length === 2 && parts[0] !== '') {
    const host = parsePortRange(parts[0], 'Host port');
    if (!host.ok) {
      return host;
    }
    mapping.hostPort = host.value.start;
    if (host.value.end !== undefined) mapping.hostPortEnd = host.value.end;
    const containerCount = (container.value.end ?? container.value.start) - container.value.start + 1;
    const hostCount = (host.value.end ?? host.value.start) - host.value.start + 1;
    if (containerCount > 1 && hostCount !== containerCount) {
      return refuse(`"${text}": the host range has ${hostCount} port${hostCount === 1 ? '' : 's'} and the container range ${containerCount}; they must be as long.`);
    }
  }
  return ok(mapping);
}

const envKey = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `KEY=VALUE` (the value may be empty and may contain `=`), or `KEY` alone to pass it through from the environment. */
export function parseEnv(input: string): Parsed<EnvEntry> {
  const text = input.replace(/^\s+/, '');
  const equals = text.indexOf('=');
  if (equals < 0) {
    const name = text.trimEnd();
    return envKey.test(name) ? ok({ key: name }) : refuse(`"${text}" is not KEY=VALUE nor a variable name to pass through.`);
  }
  const key = text.slice(0, equals);
  if (!envKey.test(key)) {
    return refuse(`"${key}" is not a valid variable name (letters, digits, _; not starting with a digit).`);
  }
  return ok({ key, value: text.slice(equals + 1) });
}

/** An env file as `docker run --env-file` reads it: KEY=VALUE lines, blank lines and `#` comments skipped. */
export function parseEnvFile(content: string): Parsed<EnvEntry[]> {
  const entries: EnvEntry[] = [];
  const lines = content.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      continue;
    }
    const parsed = parseEnv(line);
    if (!parsed.ok) {
      return refuse(`Line ${index + 1}: ${parsed.reason}`);
    }
    entries.push(parsed.value);
  }
  return ok(entries);
}

const volumeName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * `src:dst[:ro|rw]` where src is an absolute host path (bind), a path starting with `.` resolved against
 * `baseDir` (the workspace folder, as `docker run -v ./src:/src` resolves against the current folder) or a
 * volume name, dst an absolute path.
 */
export function parseVolume(input: string, baseDir?: string): Parsed<VolumeMount> {
  const text = input.trim();
  const parts = text.split(':');
  let readOnly = false;
  if (parts.length === 3) {
    const mode = parts.pop();
    if (mode !== 'ro' && mode !== 'rw') {
      return refuse(`Unknown mount mode "${mode}"; use ro or rw.`);
    }
    readOnly = mode === 'ro';
  }
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return refuse(`"${text}" is not a mount; expected source:target[:ro], e.g. data:/var/lib/data or /home/me/src:/src:ro.`);
  }
  const [source, target] = parts;
  if (!target.startsWith('/')) {
    return refuse(`The target "${target}" must be an absolute path inside the container.`);
  }
  if (source.startsWith('/')) {
    return ok({ kind: 'bind', source, target, readOnly });
  }
  if (source.startsWith('.') && baseDir !== undefined && /^\.\.?(\/|$)/.test(source)) {
    return ok({ kind: 'bind', source: path.resolve(baseDir, source), target, readOnly });
  }
  if (source.startsWith('.') || source.startsWith('~')) {
    return refuse(
      baseDir === undefined
        ? `The source "${source}" must be an absolute host path or a volume name (open a folder to use paths relative to it).`
        : `The source "${source}" must be an absolute host path, a path starting with ./ or ../, or a volume name.`,
    );
  }
  if (!volumeName.test(source)) {
    return refuse(`"${source}" is not a valid volume name (letters, digits, _ . -; at least two characters).`);
  }
  return ok({ kind: 'volume', source, target, readOnly });
}

const labelKey = /^[^\s=]+$/;

/** `key=value` for a label (the value may be empty). */
export function parseLabel(input: string): Parsed<{ key: string; value: string }> {
  const text = input.trim();
  const equals = text.indexOf('=');
  const key = equals < 0 ? text : text.slice(0, equals);
  if (!labelKey.test(key)) {
    return refuse(`"${text}" is not a label; expected key=value, e.g. com.example.team=web.`);
  }
  return ok({ key, value: equals < 0 ? '' : text.slice(equals + 1) });
}

export function parseRestartPolicy(input: string): Parsed<RestartPolicy> {
  const text = input.trim();
  if (text === '' || text === 'no' || text === 'always' || text === 'unless-stopped') {
    return ok({ name: text === '' ? 'no' : text });
  }
  const onFailure = /^on-failure(?::(\d+))?$/.exec(text);
  if (onFailure) {
    return ok({ name: 'on-failure', maximumRetryCount: onFailure[1] === undefined ? undefined : Number(onFailure[1]) });
  }
  return refuse(`"${text}" is not a restart policy; use no, always, unless-stopped or on-failure[:N].`);
}

const containerName = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function parseContainerName(input: string): Parsed<string | undefined> {
  const text = input.trim();
  if (text === '') {
    return ok(undefined);
  }
  return containerName.test(text)
    ? ok(text.replace(/^\//, ''))
    : refuse(`"${text}" is not a valid container name (letters, digits, _ . -; at least two characters, starting with a letter or digit).`);
}

/**
 * Splits a command line into arguments as a POSIX shell would for plain words and quotes
 * (no expansion): `sh -c 'echo "a b"'` → ["sh", "-c", "echo \"a b\""].
 */
export function splitCommandLine(input: string): Parsed<string[]> {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && i + 1 < input.length && '"\\$`'.includes(input[i + 1])) current += input[++i];
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < input.length) {
      current += input[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) {
    return refuse(`Unclosed ${quote === '"' ? 'double' : 'single'} quote in the command.`);
  }
  if (inWord) args.push(current);
  return ok(args);
}

/**
 * Splits a list typed as shell words (separated by spaces or commas, quotes for values with spaces:
 * `A=1 B="two words"`) and parses each item, reporting the first bad one.
 */
export function parseList<T>(input: string, parse: (item: string) => Parsed<T>): Parsed<T[]> {
  const words = splitCommandLine(input.replace(/,(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/g, ' '));
  if (!words.ok) {
    return words;
  }
  const values: T[] = [];
  for (const item of words.value) {
    const parsed = parse(item);
    if (!parsed.ok) {
      return parsed;
    }
    values.push(parsed.value);
  }
  return ok(values);
}
