/**
 * The values of the ARGs declared before the first FROM as a build without `--build-arg` gives them (BuildKit's
 * `buildMetaArgs` with its `defaultArgs`): the platform arguments first, then each declaration in order, its default
 * expanded against the values so far. An ARG redeclared with a default that refers to itself
 * (`ARG V=${V:+"x"}`) therefore reads the previous value, and one without a default keeps it.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { Property } from 'dockerfile-ast/lib/property';
import { expandWord, ExpansionError } from './wordExpansion';

export interface Platform {
  os: string;
  architecture: string;
  variant: string;
}

/** The platforms a FROM is judged on when it must be valid whatever the build's platform. */
export const COMMON_PLATFORMS: readonly Platform[] = [
  { os: 'linux', architecture: 'amd64', variant: '' },
  { os: 'linux', architecture: 'arm64', variant: '' },
];

export interface GlobalArgDeclaration {
  name: string;
  /** The default as written (quotes, escapes and references unexpanded), or undefined for `ARG NAME`. */
  raw: string | undefined;
}

function format(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** BuildKit's `defaultArgs`: the build and target platform (the same here) and the target stage. */
export function platformArgs(platform: Platform, targetStage: string): Map<string, string> {
  return new Map([
    ['BUILDPLATFORM', format(platform)],
    ['BUILDOS', platform.os],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', platform.architecture],
    ['BUILDVARIANT', platform.variant],
    ['TARGETPLATFORM', format(platform)],
    ['TARGETOS', platform.os],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', platform.architecture],
    ['TARGETVARIANT', platform.variant],
    ['TARGETSTAGE', targetStage || 'default'],
  ]);
}

/**
 * The global ARGs' default values, starting from `initial`; undefined when a default cannot be expanded (the build
 * fails there, and what follows is unknown).
 */
export function globalArgValues(declarations: readonly GlobalArgDeclaration[], initial: ReadonlyMap<string, string>, escape: string): Map<string, string> | undefined {
  const values = new Map(initial);
  for (const { name, raw } of declarations) {
    if (raw === undefined) {
      continue;
    }
    try {
      values.set(name, expandWord(raw, values, escape).value);
    } catch (error) {
      if (error instanceof ExpansionError) {
        return undefined;
      }
      throw error;
    }
  }
  return values;
}

/** A property's value as written, with line continuations (escape, spaces, line break) taken out as the builder joins lines. */
export function rawValue(property: Property, text: string, offsetAt: (position: { line: number; character: number }) => number, escape: string): string | undefined {
  const range = property.getValueRange();
  if (!range || property.getValue() === null) {
    return undefined;
  }
  const raw = text.slice(offsetAt(range.start), offsetAt(range.end));
  return raw.includes('\n') ? raw.replace(new RegExp(`${escape === '\\' ? '\\\\' : escape}[ \\t]*\\r?\\n`, 'g'), '') : raw;
}

/** The ARG declarations before the first FROM, every name of each in order. */
export function globalArgDeclarations(dockerfile: Dockerfile, text: string, offsetAt: (position: { line: number; character: number }) => number, escape: string): GlobalArgDeclaration[] {
  const declarations: GlobalArgDeclaration[] = [];
  for (const arg of dockerfile.getInitialARGs()) {
    for (const property of arg.getProperties()) {
      declarations.push({ name: property.getName(), raw: rawValue(property, text, offsetAt, escape) });
    }
  }
  return declarations;
}
