/**
 * Variable expansion in one Dockerfile word, as BuildKit's shell lexer does it (frontend/dockerfile/shell/lex.go,
 * `ProcessWord`): quotes are removed (`'…'` taken as is, `"…"` with `$` expanded and `\"`, `\$`, `\\` escaped),
 * the escape character escapes the next character, and `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}`, `${NAME+word}`, `${NAME:?word}`, `${NAME#pattern}`, `${NAME##pattern}`, `${NAME%pattern}`,
 * `${NAME%%pattern}` and `${NAME/pattern/replacement}` (`//` for all) expand, the word itself expanded the same way
 * (nested references and quotes). An unset name expands to the empty string.
 *
 * Written here because the builder's lexer is Go and no kept JavaScript package reads words as it does; the
 * libraries' own resolution substitutes declared values without expanding them, which is what made a redeclared
 * `ARG NAME=${NAME:-"default"}` read as the literal text.
 */

/** What the builder would report: the word cannot be expanded (an unset `${NAME?}`, a bad substitution). */
export class ExpansionError extends Error {}

export interface Expansion {
  value: string;
  /** Names the word referred to that had a value. */
  matched: Set<string>;
}

/** Reads names' values; undefined for an unset name. */
export type Environment = ReadonlyMap<string, string>;

const EOF = '';

class Scanner {
  private position = 0;
  constructor(private readonly text: string) {}
  peek(): string {
    return this.position < this.text.length ? this.text[this.position] : EOF;
  }
  next(): string {
    return this.position < this.text.length ? this.text[this.position++] : EOF;
  }
}

const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

function isNameCharacter(character: string): boolean {
  return character !== EOF && (/\p{L}|\p{N}/u.test(character) || character === '_');
}

class Word {
  private readonly scanner: Scanner;
  private rawEscapes = false;
  readonly matched = new Set<string>();

  constructor(
    text: string,
    private readonly environment: Environment,
    private readonly escape: string,
  ) {
    this.scanner = new Scanner(text);
  }

  /** The text up to `stop` (consumed) or to the end when `stop` is EOF. */
  processUntil(stop: string, rawEscapes: boolean): string {
    const previous = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      while (this.scanner.peek() !== EOF) {
        const character = this.scanner.peek();
        if (stop !== EOF && character === stop) {
          this.scanner.next();
          return result;
        }
        if (character === '$') {
          result += this.dollar();
        } else if (character === "'") {
          result += this.singleQuoted();
        } else if (character === '"') {
          result += this.doubleQuoted();
        } else {
          let next = this.scanner.next();
          if (next === this.escape) {
            if (this.rawEscapes) {
              result += next;
            }
            next = this.scanner.next();
            if (next === EOF) {
              break;
            }
          }
          result += next;
        }
      }
      if (stop !== EOF) {
        throw new ExpansionError(`unexpected end of statement while looking for matching ${stop}`);
      }
      return result;
    } finally {
      this.rawEscapes = previous;
    }
  }

  private singleQuoted(): string {
    this.scanner.next();
    let result = '';
    for (;;) {
      const character = this.scanner.next();
      if (character === EOF) {
        throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      }
      if (character === "'") {
        return result;
      }
      result += character;
    }
  }

  private doubleQuoted(): string {
    this.scanner.next();
    let result = '';
    for (;;) {
      const character = this.scanner.peek();
      if (character === EOF) {
        throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      }
      if (character === '"') {
        this.scanner.next();
        return result;
      }
      if (character === '$') {
        result += this.dollar();
        continue;
      }
      let next = this.scanner.next();
      if (next === this.escape) {
        if (this.rawEscapes) {
          result += next;
        }
        const escaped = this.scanner.peek();
        if (escaped === EOF) {
          continue;
        }
        if (escaped === '"' || escaped === '$' || escaped === this.escape) {
          next = this.scanner.next();
        }
      }
      result += next;
    }
  }

  private name(): string {
    let name = '';
    while (this.scanner.peek() !== EOF) {
      const character = this.scanner.peek();
      if (name.length === 0 && isDigit(character)) {
        while (isDigit(this.scanner.peek())) {
          name += this.scanner.next();
        }
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMETERS.has(character)) {
        return this.scanner.next();
      }
      if (!isNameCharacter(character)) {
        break;
      }
      name += this.scanner.next();
    }
    return name;
  }

  private lookup(name: string): string | undefined {
    const value = this.environment.get(name);
    if (value !== undefined) {
      this.matched.add(name);
    }
    return value;
  }

  private dollar(): string {
    this.scanner.next();
    if (this.scanner.peek() !== '{') {
      const name = this.name();
      return name === '' ? '$' : (this.lookup(name) ?? '');
    }
    this.scanner.next();
    const first = this.scanner.peek();
    if (first === EOF) {
      throw new ExpansionError("syntax error: missing '}'");
    }
    if (first === '{' || first === '}' || first === ':') {
      throw new ExpansionError('syntax error: bad substitution');
    }
    const name = this.name();
    let modifier = this.scanner.next();
    if (modifier === '}') {
      return this.lookup(name) ?? '';
    }
    let nullIsUnset = false;
    if (modifier === ':') {
      nullIsUnset = true;
      modifier = this.scanner.next();
    } else if (modifier === '/') {
      return this.replace(name);
    } else if (!['+', '-', '?', '#', '%'].includes(modifier)) {
      throw new ExpansionError(`unsupported modifier (${modifier}) in substitution`);
    }
    let word = this.processUntil('}', modifier === '#' || modifier === '%');
    const value = this.lookup(name);
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (modifier) {
      case '-':
        return unset ? word : (value ?? '');
      case '+':
        return unset ? '' : word;
      case '?':
        if (unset) {
          throw new ExpansionError(`${name}: ${word || (value === undefined ? 'is not allowed to be unset' : 'is not allowed to be empty')}`);
        }
        return value ?? '';
      case '#':
      case '%': {
        const greedy = word.startsWith(modifier);
        if (greedy) {
          word = word.slice(1);
        }
        return modifier === '%' ? trimSuffix(word, value ?? '', greedy) : trimPrefix(word, value ?? '', greedy);
      }
      default:
        throw new ExpansionError(`unsupported modifier (${nullIsUnset ? ':' : ''}${modifier}) in substitution`);
    }
  }

  private replace(name: string): string {
    const all = this.scanner.peek() === '/';
    if (all) {
      this.scanner.next();
    }
    const pattern = this.processUntil('/', true);
    const replacement = this.processUntil('}', true);
    const value = this.lookup(name) ?? '';
    const expression = patternExpression(pattern, true, false, all ? 'g' : '');
    // Go's ReplaceAllString reads `$1` or `${name}` in the replacement as a group, which a pattern never has, and `$$` as `$`.
    const expanded = replacement.replace(/\$\$|\$(?:\w+|\{\w+\})/g, (reference) => (reference === '$$' ? '$' : ''));
    return value.replace(expression, () => expanded);
  }
}

/** BuildKit's `convertShellPatternToRegex`: `?` one character, `*` any (shortest unless greedy), no brackets. */
function patternExpression(pattern: string, greedy: boolean, anchored: boolean, flags = ''): RegExp {
  let source = anchored ? '^' : '';
  const star = greedy ? '.*' : '.*?';
  const characters = [...pattern];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index];
    if (character === '*') {
      source += star;
    } else if (character === '?') {
      source += '.';
    } else if (character === '\\') {
      const next = characters[index + 1];
      if (next === '}' || next === '/') {
        continue;
      }
      if (next !== '*' && next !== '?' && next !== '\\') {
        throw new ExpansionError(`invalid escape '\\${next ?? ''}'`);
      }
      source += `\\${next}`;
      index++;
    } else {
      source += character.replace(/[[\]{}.+()|^$]/g, '\\$&');
    }
  }
  return new RegExp(source, `u${flags}`);
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = patternExpression(pattern, greedy, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

/** Reverses a pattern without reversing its escapes (`a\*c` → `c\*a`). */
function reversePattern(pattern: string): string {
  const characters = [...pattern];
  const out: string[] = new Array<string>(characters.length);
  const last = characters.length - 1;
  for (let index = 0; index <= last; ) {
    const character = characters[index];
    const at = last - index;
    if (character === '\\' && index !== last) {
      out[at - 1] = character;
      out[at] = characters[index + 1];
      index += 2;
    } else {
      out[at] = character;
      index++;
    }
  }
  return out.join('');
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  const reversed = [...value].reverse().join('');
  return [...trimPrefix(reversePattern(pattern), reversed, greedy)].reverse().join('');
}

/** Expands one word; throws ExpansionError where the builder would fail. */
export function expandWord(text: string, environment: Environment, escape = '\\'): Expansion {
  const word = new Word(text, environment, escape);
  const value = word.processUntil(EOF, false);
  return { value, matched: word.matched };
}
