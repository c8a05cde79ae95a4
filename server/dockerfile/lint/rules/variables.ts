/** Dockerfile (not shell) variable references: `$NAME`, `${NAME}`, `${NAME:-default}`, honouring the escape character. */
export interface VariableReference {
  name: string;
  /** Offsets in the scanned text. */
  start: number;
  end: number;
  /** `:-`, `-`, `:+`, `+` or undefined. */
  modifier: string | undefined;
  word: string | undefined;
}

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function variableReferences(text: string, escape: string): VariableReference[] {
  const references: VariableReference[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const index = match.index;
    if (index > 0 && text[index - 1] === escape) {
      continue;
    }
    references.push({
      name: match[1] ?? match[4],
      start: index,
      end: index + match[0].length,
      modifier: match[2],
      word: match[3],
    });
  }
  return references;
}

/** Substitutes references as the builder would, with `values` (absent names expand to the empty string). */
export function substitute(text: string, escape: string, values: ReadonlyMap<string, string | undefined>): string {
  let result = '';
  let last = 0;
  for (const reference of variableReferences(text, escape)) {
    const value = values.get(reference.name);
    let replacement = value ?? '';
    if (reference.modifier === ':-' || reference.modifier === '-') {
      replacement = value ? value : (reference.word ?? '');
    } else if (reference.modifier === ':+' || reference.modifier === '+') {
      replacement = value ? (reference.word ?? '') : '';
    }
    result += text.slice(last, reference.start) + replacement;
    last = reference.end;
  }
  return result + text.slice(last);
}

/** Build arguments the builder defines on its own. */
export const PREDEFINED_ARGS = new Map<string, string>([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['HTTP_PROXY', ''],
  ['HTTPS_PROXY', ''],
  ['FTP_PROXY', ''],
  ['NO_PROXY', ''],
  ['ALL_PROXY', ''],
  ['http_proxy', ''],
  ['https_proxy', ''],
  ['ftp_proxy', ''],
  ['no_proxy', ''],
  ['all_proxy', ''],
  ['BUILDKIT_SYNTAX', ''],
  ['BUILDKIT_INLINE_CACHE', ''],
  ['BUILDKIT_MULTI_PLATFORM', ''],
  ['SOURCE_DATE_EPOCH', ''],
]);
