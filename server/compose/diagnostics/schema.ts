/**
 * Validation against the Compose Specification JSON schema (draft 2020-12, the copy Compose embeds) with Ajv's
 * 2020 build, and Ajv's errors turned into one message a person understands per problem: an unknown key names
 * the closest valid key, a wrong type says what was expected.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import composeSchema from '../schema/compose-spec.json';
import type { PathSegment } from '../parse/composeDocument';
import { closest } from './closest';

export interface SchemaProblem {
  path: PathSegment[];
  /** Where to show it: on the key (unknown key) or the value. */
  on: 'key' | 'value';
  message: string;
  code: 'compose-schema-unknown-key' | 'compose-schema-type' | 'compose-schema-value' | 'compose-schema-required';
  /** For an unknown key, the closest valid key (a quick fix). */
  suggestion?: string;
  /** The pointer the problem is at, as Ajv writes it. */
  pointer: string;
}

let validator: ValidateFunction | undefined;

/** The compiled schema, built on first use (~100 ms, once per process). */
function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, allowUnionTypes: true, validateFormats: false });
    validator = ajv.compile(composeSchema);
  }
  return validator;
}

export const schema = composeSchema as unknown as Record<string, unknown>;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty (null)',
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  if (typeof value === 'string') {
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  return `${typeof value} ${String(value)}`;
}

function parsePointer(pointer: string): PathSegment[] {
  if (pointer === '') {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function label(path: PathSegment[]): string {
  return path.length === 0 ? 'the file' : `"${path.join('.')}"`;
}

function joinOr(items: string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/**
 * Problems of an interpolated document. `skip(pointer)` tells which values to leave alone: those an unknown
 * variable decides, whose type Compose would cast after interpolation.
 */
export function schemaProblems(value: unknown, skip: (pointer: string, keyword: string) => boolean): SchemaProblem[] {
  const check = validate();
  if (check(value)) {
    return [];
  }
  const errors = (check.errors ?? []).filter((error) => !skip(error.instancePath, error.keyword));
  return summarize(errors);
}

/** One problem per place: errors of alternatives (oneOf branches) the value plainly is not are dropped. */
function summarize(errors: ErrorObject[]): SchemaProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const paths = [...byPath.keys()];
  const problems: SchemaProblem[] = [];
  for (const [at, list] of byPath) {
    const path = parsePointer(at);
    const hasDeeper = paths.some((other) => other.startsWith(`${at}/`));
    const specific = list.filter((error) => !['type', 'oneOf', 'anyOf', 'if', 'then', 'else', 'not', 'const', 'enum', '$ref'].includes(error.keyword));
    if (specific.length > 0) {
      for (const error of dedupe(specific)) {
        problems.push(describe(error, path));
      }
      continue;
    }
    if (hasDeeper) {
      // A deeper error explains this one (the value took the shape of a branch and failed inside it).
      continue;
    }
    const types = list.filter((error) => error.keyword === 'type');
    const enums = list.filter((error) => error.keyword === 'enum' || error.keyword === 'const');
    if (enums.length > 0 && types.length < list.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf').length) {
      problems.push(describe(enums[0], path));
    } else if (types.length > 0) {
      const expected = types.flatMap((error) => {
        const type = error.params.type as string | string[];
        return (Array.isArray(type) ? type : String(type).split(',')).map((name) => TYPE_NAMES[name] ?? name);
      });
      problems.push({
        path,
        on: 'value',
        pointer: at,
        code: 'compose-schema-type',
        message: `${label(path)} must be ${joinOr(expected)}, not ${describeValue(types[0].data)}.`,
      });
    } else if (list.length > 0) {
      problems.push(describe(list[0], path));
    }
  }
  return problems;
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.keyword}:${JSON.stringify(error.params)}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function describe(error: ErrorObject, path: PathSegment[]): SchemaProblem {
  const at = error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const parent = error.parentSchema as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> } | undefined;
      const known = Object.keys(parent?.properties ?? {});
      const suggestion = closest(key, known);
      const where = path.length === 0 ? 'at the top level' : `in ${label(path)}`;
      const extension = parent?.patternProperties && Object.keys(parent.patternProperties).includes('^x-') ? ' (custom keys start with "x-")' : '';
      return {
        path: [...path, key],
        on: 'key',
        pointer: at,
        code: 'compose-schema-unknown-key',
        suggestion,
        message: `Unknown key "${key}" ${where}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}${suggestion ? '' : extension}`,
      };
    }
    case 'required':
      return {
        path,
        on: 'key',
        pointer: at,
        code: 'compose-schema-required',
        message: `${label(path)} is missing the required key "${String(error.params.missingProperty)}".`,
      };
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value));
      const suggestion = typeof error.data === 'string' ? closest(error.data, (error.params.allowedValues as unknown[]).map(String)) : undefined;
      return {
        path,
        on: 'value',
        pointer: at,
        code: 'compose-schema-value',
        suggestion,
        message: `${label(path)} must be one of ${allowed.join(', ')}, not ${describeValue(error.data)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      };
    }
    case 'const':
      return { path, on: 'value', pointer: at, code: 'compose-schema-value', message: `${label(path)} must be ${JSON.stringify(error.params.allowedValue)}.` };
    case 'uniqueItems':
      return {
        path: [...path, Number(error.params.i)],
        on: 'value',
        pointer: at,
        code: 'compose-schema-value',
        message: `${label(path)} lists the same item twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1}).`,
      };
    case 'pattern':
      return {
        path,
        on: 'value',
        pointer: at,
        code: 'compose-schema-value',
        message: `${label(path)}: ${describeValue(error.data)} does not have the expected form (${String(error.params.pattern)}).`,
      };
    case 'propertyNames':
      return { path, on: 'key', pointer: at, code: 'compose-schema-value', message: `${label(path)}: invalid key "${String(error.params.propertyName)}".` };
    case 'type':
      return {
        path,
        on: 'value',
        pointer: at,
        code: 'compose-schema-type',
        message: `${label(path)} must be ${joinOr(String(error.params.type).split(',').map((name) => TYPE_NAMES[name] ?? name))}, not ${describeValue(error.data)}.`,
      };
    default:
      return { path, on: 'value', pointer: at, code: 'compose-schema-value', message: `${label(path)} ${error.message ?? 'is not valid'}.` };
  }
}
