/**
 * The `.env` format Compose reads for interpolation (`KEY=value`, `export KEY=value`, quotes, comments).
 * Double-quoted and unquoted values may use earlier variables (`${OTHER}`), single-quoted ones are literal.
 */
import { interpolate } from './interpolation';

export interface EnvEntry {
  value: string;
  /** 0-based line of the entry in its file. */
  line: number;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s?(.*)$/;

export function parseEnvFile(text: string, environment: Readonly<Record<string, string | undefined>> = {}): Map<string, EnvEntry> {
  const entries = new Map<string, EnvEntry>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (/^\s*(#|$)/.test(line)) {
      continue;
    }
    const match = LINE.exec(line);
    if (!match) {
      continue;
    }
    const [, key, raw] = match;
    const start = index;
    let rest = raw.trim();
    let value: string;
    let literal = false;
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      // A quoted value may run over several lines.
      let body = rest.slice(1);
      let close = body.indexOf(quote);
      while (close < 0 && index + 1 < lines.length) {
        index++;
        body += `\n${lines[index]}`;
        close = body.indexOf(quote);
      }
      value = close < 0 ? body : body.slice(0, close);
      if (quote === '"') {
        value = value.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c as 'n'] ?? c);
      } else {
        literal = true;
      }
    } else {
      const comment = rest.search(/\s#/);
      if (comment >= 0) {
        rest = rest.slice(0, comment);
      }
      value = rest.trim();
    }
    if (!literal && value.includes('$')) {
      value = interpolate(value, (name) => {
        const known = entries.get(name)?.value ?? environment[name];
        return { value: known };
      }).value;
    }
    entries.set(key, { value, line: start });
  }
  return entries;
}
