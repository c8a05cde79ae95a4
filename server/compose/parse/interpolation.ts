/**
 * Compose's variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`,
 * `${VAR?message}`, `${VAR:+alternative}`, `${VAR+alternative}`, `$$` for a dollar), as its loader reads it:
 * a `${` that is not one of these (unclosed, no name) is an invalid template, which Compose rejects; a `$`
 * before anything else is kept as written.
 */

/** Where a variable's value comes from, or that nothing sets it here. */
export interface VariableSource {
  value: string | undefined;
  /** `.env file` path, `environment`, or undefined when unset. */
  origin?: string;
}

export type Lookup = (name: string) => VariableSource;

export interface VariableUse {
  name: string;
  /** Offsets of the whole `${…}` or `$NAME` in the string. */
  start: number;
  end: number;
  operator?: ':-' | '-' | ':?' | '?' | ':+' | '+';
  /** The text after the operator (a default, a message or an alternative), not yet interpolated. */
  argument?: string;
}

export interface InterpolationProblem {
  start: number;
  end: number;
  message: string;
  /** `required` for `${VAR:?message}` with VAR unset: Compose stops, but the variable may be set where it runs. */
  kind: 'invalid' | 'required';
}

export interface Interpolated {
  value: string;
  uses: VariableUse[];
  problems: InterpolationProblem[];
  /** Whether a variable the editor does not know decided part of the value. */
  dependsOnUnknown: boolean;
}

const NAME_START = /[_a-zA-Z]/;
const NAME_PART = /[_a-zA-Z0-9]/;
const BRACED = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-?+])([\s\S]*))?$/;

/** Index of the `}` closing the `${` at `start`, counting nested `${`; -1 when unclosed. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '}') {
      depth--;
      if (depth === 0) {
        return i;
      }
    } else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    }
  }
  return -1;
}

/** Whether a string has anything Compose would interpolate (a fast path for the common case). */
export function hasInterpolation(text: string): boolean {
  return text.includes('$');
}

/** Defaults nested deeper than this (`${A:-${B:-${C…`) are not followed: no real file comes close. */
const MAX_NESTING = 32;

export function interpolate(text: string, lookup: Lookup, offset = 0, depth = 0): Interpolated {
  const result: Interpolated = { value: '', uses: [], problems: [], dependsOnUnknown: false };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      result.value += text.slice(i);
      break;
    }
    result.value += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      result.value += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < text.length && NAME_PART.test(text[end])) {
        end++;
      }
      const name = text.slice(dollar + 1, end);
      result.uses.push({ name, start: offset + dollar, end: offset + end });
      const source = lookup(name);
      if (source.value === undefined) {
        result.dependsOnUnknown = true;
      }
      result.value += source.value ?? '';
      i = end;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(text, dollar);
      if (close < 0) {
        result.problems.push({
          start: offset + dollar,
          end: offset + text.length,
          message: `Invalid interpolation: "${text.slice(dollar)}" has no closing "}". Write "$$" for a literal "$".`,
          kind: 'invalid',
        });
        return result;
      }
      const inner = text.slice(dollar + 2, close);
      const match = BRACED.exec(inner);
      if (!match) {
        result.problems.push({
          start: offset + dollar,
          end: offset + close + 1,
          message: `Invalid interpolation "${text.slice(dollar, close + 1)}": expected \${NAME}, \${NAME:-default}, \${NAME-default}, \${NAME:?message} or \${NAME:+value}. Write "$$" for a literal "$".`,
          kind: 'invalid',
        });
        i = close + 1;
        continue;
      }
      const [, name, operator, argument] = match;
      const use: VariableUse = { name, start: offset + dollar, end: offset + close + 1 };
      if (operator) {
        use.operator = operator as VariableUse['operator'];
        use.argument = argument;
      }
      result.uses.push(use);
      if (depth >= MAX_NESTING) {
        result.dependsOnUnknown = true;
        i = close + 1;
        continue;
      }
      result.value += substitute(use, lookup, offset + dollar + 2 + name.length + (operator?.length ?? 0), result, depth);
      i = close + 1;
      continue;
    }
    // `$` before anything else (`$(cmd)`, `$1`, a lone `$`) is kept as written.
    result.value += '$';
    i = dollar + 1;
  }
  return result;
}

/** The value of one braced use. Its argument is interpolated first, whatever the variable holds, as Compose does. */
function substitute(use: VariableUse, lookup: Lookup, argumentOffset: number, result: Interpolated, depth: number): string {
  const source = lookup(use.name);
  const nested = interpolate(use.argument ?? '', lookup, argumentOffset, depth + 1);
  result.uses.push(...nested.uses);
  result.problems.push(...nested.problems);
  const set = source.value !== undefined;
  const nonEmpty = set && source.value !== '';
  switch (use.operator) {
    case ':-':
    case '-': {
      const useDefault = use.operator === ':-' ? !nonEmpty : !set;
      if (useDefault) {
        result.dependsOnUnknown ||= nested.dependsOnUnknown;
        return nested.value;
      }
      return source.value!;
    }
    case ':+':
    case '+': {
      if (!set) {
        result.dependsOnUnknown = true;
        return '';
      }
      const useAlternative = use.operator === ':+' ? nonEmpty : true;
      if (useAlternative) {
        result.dependsOnUnknown ||= nested.dependsOnUnknown;
        return nested.value;
      }
      return '';
    }
    case ':?':
    case '?': {
      const missing = use.operator === ':?' ? !nonEmpty : !set;
      if (missing) {
        result.dependsOnUnknown = true;
        result.problems.push({
          start: use.start,
          end: use.end,
          message: `${use.name} must be set${nested.value ? `: ${nested.value}` : ''} (neither the .env file nor the environment the editor sees sets it).`,
          kind: 'required',
        });
        return '';
      }
      return source.value!;
    }
    default:
      if (!set) {
        result.dependsOnUnknown = true;
      }
      return source.value ?? '';
  }
}
