/** Mutations of text (byte flips, truncation, line splices, huge lines), seeded so a failure can be replayed. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = (text: string, next: () => number) => string;

/**
 * The mutations, for a language whose characters that matter are `noise` (what byte flips write) and whose long
 * lines are made of one of `hugeLineUnits`.
 */
export function textMutations(noise: readonly string[], hugeLineUnits: readonly string[]): Record<string, Mutation> {
  return {
    'byte flips': (text, next) => {
      const chars = [...text];
      for (let flips = 1 + Math.floor(next() * 20); flips > 0 && chars.length > 0; flips--) {
        chars[Math.floor(next() * chars.length)] = noise[Math.floor(next() * noise.length)];
      }
      return chars.join('');
    },
    truncation: (text, next) => text.slice(0, Math.floor(next() * text.length)),
    'line splices': (text, next) => {
      const lines = text.split('\n');
      for (let splices = 1 + Math.floor(next() * 10); splices > 0; splices--) {
        const from = Math.floor(next() * lines.length);
        const to = Math.floor(next() * lines.length);
        const piece = lines.slice(from, from + 1 + Math.floor(next() * 5));
        lines.splice(to, Math.floor(next() * 3), ...piece);
      }
      return lines.join('\n');
    },
    'huge lines': (text, next) => {
      const lines = text.split('\n');
      const at = Math.floor(next() * lines.length);
      const unit = hugeLineUnits[Math.floor(next() * hugeLineUnits.length)];
      lines.splice(at, 0, unit.repeat(Math.ceil(100_000 / unit.length)));
      return lines.join('\n');
    },
  };
}

/** Mutations of Dockerfile text. */
export const mutations = textMutations(
  ['\\', '`', '"', "'", '$', '{', '}', '[', ']', '\n', '\r', '\t', ' ', '=', '-', '#', '<', '\0', '\u{1F600}'],
  ['RUN echo ', '$A${B:-c} ', '\\ ', '"', 'x'],
);

export interface MutatedFile {
  index: number;
  name: string;
  /** The mutation's name. */
  kind: string;
  text: string;
}

/** Each of `files` (in `folder`) after the next of `mutations` in turn, drawn from `next` as it is read. */
export function* mutatedFiles(folder: string, files: readonly string[], mutations: Record<string, Mutation>, next: () => number): Generator<MutatedFile> {
  const kinds = Object.keys(mutations);
  for (const [index, name] of files.entries()) {
    const kind = kinds[index % kinds.length];
    yield { index, name, kind, text: mutations[kind](fs.readFileSync(path.join(folder, name), 'utf8'), next) };
  }
}
