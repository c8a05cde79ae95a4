/**
 * The document's data after interpolation, as Compose's loader sees it before validating: every string value
 * (keys are not interpolated) with its variables replaced. Remembers which values came from interpolation and
 * which depend on a variable the editor cannot know, so that checks can leave those alone.
 */
import { hasInterpolation, interpolate, type InterpolationProblem, type Lookup, type VariableUse } from './interpolation';
import type { Path } from './composeDocument';

export interface InterpolatedModel {
  value: unknown;
  /** JSON pointers (as Ajv writes them) of strings that changed by interpolation. */
  interpolated: Set<string>;
  /** JSON pointers of strings whose value depends on a variable that is not set here. */
  unknown: Set<string>;
  /** Every pointer that has an unknown value under it. */
  unknownAncestors: Set<string>;
  problems: { path: Path; problem: InterpolationProblem }[];
  uses: { path: Path; use: VariableUse }[];
}

export function pointer(path: Path): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function interpolateModel(value: unknown, lookup: Lookup): InterpolatedModel {
  const model: InterpolatedModel = { value: undefined, interpolated: new Set(), unknown: new Set(), unknownAncestors: new Set(), problems: [], uses: [] };
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      if (!hasInterpolation(node)) {
        return node;
      }
      const result = interpolate(node, lookup);
      const here = [...path];
      for (const problem of result.problems) {
        model.problems.push({ path: here, problem });
      }
      for (const use of result.uses) {
        model.uses.push({ path: here, use });
      }
      if (result.value !== node) {
        model.interpolated.add(pointer(here));
      }
      if (result.dependsOnUnknown) {
        model.unknown.add(pointer(here));
        for (let depth = 0; depth < here.length; depth++) {
          model.unknownAncestors.add(pointer(here.slice(0, depth)));
        }
      }
      return result.value;
    }
    if (Array.isArray(node)) {
      return node.map((item, index) => {
        path.push(index);
        const out = walk(item, path);
        path.pop();
        return out;
      });
    }
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node as Record<string, unknown>)) {
        path.push(key);
        out[key] = walk(item, path);
        path.pop();
      }
      return out;
    }
    return node;
  };
  model.value = walk(value, []);
  return model;
}

/** Whether a value at this pointer, or anything under it, depends on an unknown variable. */
export function touchesUnknown(model: InterpolatedModel, at: string): boolean {
  if (model.unknown.size === 0) {
    return false;
  }
  if (model.unknown.has(at) || model.unknownAncestors.has(at)) {
    return true;
  }
  for (let slash = at.lastIndexOf('/'); slash > 0; slash = at.lastIndexOf('/', slash - 1)) {
    if (model.unknown.has(at.slice(0, slash))) {
      return true;
    }
  }
  return false;
}
