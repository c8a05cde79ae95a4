/**
 * A volume's short syntax (`SOURCE:TARGET[:MODE]` or `TARGET`), split as Compose's loader splits it: a Windows
 * drive letter and `${…}` are not separators; an empty section or a fourth one is an error.
 */
export interface VolumeSpec {
  source?: string;
  target?: string;
  mode?: string;
  error?: string;
}

export function parseVolumeSpec(spec: string): VolumeSpec {
  if (spec.length === 0) {
    return { error: 'a volume cannot be empty' };
  }
  if (spec.length <= 2) {
    return { target: spec };
  }
  const sections: string[] = [];
  let buffer = '';
  let depth = 0;
  for (let i = 0; i <= spec.length; i++) {
    const char = i < spec.length ? spec[i] : undefined;
    if (char === '$' && spec[i + 1] === '{') {
      depth++;
      buffer += char;
      continue;
    }
    if (char === '}' && depth > 0) {
      depth--;
      buffer += char;
      continue;
    }
    if (char === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) {
      buffer += char;
      continue;
    }
    if ((char === ':' || char === undefined) && depth === 0) {
      if (buffer.length === 0) {
        return { error: 'it has an empty section between colons' };
      }
      if (sections.length === 3) {
        return { error: 'it has too many colons (SOURCE:TARGET:MODE at most)' };
      }
      sections.push(buffer);
      buffer = '';
      continue;
    }
    buffer += char;
  }
  if (sections.length === 1) {
    return { target: sections[0] };
  }
  return { source: sections[0], target: sections[1], mode: sections[2] };
}

/** Whether a short-syntax source is a host path (a bind mount) rather than a named volume. */
export function isBindSource(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^\p{L}:/u.test(source);
}
