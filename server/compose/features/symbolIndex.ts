/**
 * The names a Compose file declares and uses, with the exact range of each name: services, networks, volumes,
 * secrets, configs and models (declared under their top-level key, used by services) and YAML anchors
 * (`&name`, used by `*name`). Built once per analysis.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ComposeAnalysis } from '../analysis';
import { isMergeKey } from '../parse/composeDocument';
import { isBindSource, parseVolumeSpec } from '../diagnostics/rules/volumeSpec';

export type SymbolKind = 'service' | 'network' | 'volume' | 'secret' | 'config' | 'model' | 'anchor';

export interface SymbolOccurrence {
  kind: SymbolKind;
  name: string;
  /** Offsets of the name itself. */
  start: number;
  end: number;
  declaration: boolean;
}

const cache = new WeakMap<ComposeAnalysis, SymbolOccurrence[]>();

export function symbolIndex(analysis: ComposeAnalysis): SymbolOccurrence[] {
  let index = cache.get(analysis);
  if (!index) {
    index = build(analysis);
    cache.set(analysis, index);
  }
  return index;
}

export function occurrenceAt(analysis: ComposeAnalysis, offset: number): SymbolOccurrence | undefined {
  return symbolIndex(analysis).find((occurrence) => occurrence.start <= offset && offset <= occurrence.end);
}

function build(analysis: ComposeAnalysis): SymbolOccurrence[] {
  const text = analysis.document.text;
  const occurrences: SymbolOccurrence[] = [];
  const root = analysis.document.yaml.contents;

  /** A name inside a scalar: its exact offsets when the source shows it as written. */
  const inScalar = (node: unknown, kind: SymbolKind, name: string, from = 0): void => {
    if (!isScalar(node) || !node.range || typeof node.value !== 'string' || name === '') {
      return;
    }
    const source = text.slice(node.range[0], node.range[1]);
    const quote = source.startsWith('"') || source.startsWith("'") ? 1 : 0;
    const at = source.indexOf(name, quote + from);
    if (at >= 0) {
      occurrences.push({ kind, name, start: node.range[0] + at, end: node.range[0] + at + name.length, declaration: false });
    }
  };
  const keyOf = (pair: Pair, kind: SymbolKind, declaration: boolean): void => {
    const key = pair.key as Scalar | null;
    if (isScalar(key) && key.range && !isMergeKey(key)) {
      const name = String(key.value);
      const source = text.slice(key.range[0], key.range[1]);
      const quote = source.startsWith('"') || source.startsWith("'") ? 1 : 0;
      occurrences.push({ kind, name, start: key.range[0] + quote, end: key.range[0] + quote + name.length, declaration });
    }
  };
  const pairs = (node: unknown): Pair[] => (isMap(node) ? (node.items as Pair[]).filter((item) => isPair(item) && !isMergeKey(item.key)) : []);
  const get = (map: unknown, name: string): unknown => pairs(map).find((pair) => isScalar(pair.key) && String(pair.key.value) === name)?.value;

  if (isMap(root)) {
    for (const pair of pairs(root)) {
      const section = isScalar(pair.key) ? String(pair.key.value) : '';
      const kinds: Record<string, SymbolKind> = { services: 'service', networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config', models: 'model' };
      if (kinds[section]) {
        for (const declared of pairs(pair.value)) {
          keyOf(declared, kinds[section], true);
        }
      }
    }
    for (const servicePair of pairs(get(root, 'services'))) {
      serviceReferences(servicePair.value as YAMLMap, { inScalar, keyOf, pairs, get });
    }
  }

  // Anchors and aliases, wherever they are.
  visit(analysis.document.yaml, {
    Node(_key, node) {
      const anchor = (node as Node).anchor;
      if (anchor && (node as Node).range) {
        const at = text.lastIndexOf(`&${anchor}`, (node as Node).range![0]);
        if (at >= 0) {
          occurrences.push({ kind: 'anchor', name: anchor, start: at + 1, end: at + 1 + anchor.length, declaration: true });
        }
      }
      if (isAlias(node) && node.range) {
        occurrences.push({ kind: 'anchor', name: node.source, start: node.range[0] + 1, end: node.range[0] + 1 + node.source.length, declaration: false });
      }
    },
  });
  return occurrences.sort((a, b) => a.start - b.start);
}

interface Helpers {
  inScalar(node: unknown, kind: SymbolKind, name: string, from?: number): void;
  keyOf(pair: Pair, kind: SymbolKind, declaration: boolean): void;
  pairs(node: unknown): Pair[];
  get(map: unknown, name: string): unknown;
}

function items(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

function stringOf(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function serviceReferences(service: YAMLMap, { inScalar, keyOf, pairs, get }: Helpers): void {
  const dependsOn = get(service, 'depends_on');
  for (const item of items(dependsOn)) {
    inScalar(item, 'service', stringOf(item) ?? '');
  }
  for (const pair of pairs(dependsOn)) {
    keyOf(pair, 'service', false);
  }
  for (const item of items(get(service, 'links'))) {
    inScalar(item, 'service', (stringOf(item) ?? '').split(':')[0]);
  }
  for (const item of items(get(service, 'volumes_from'))) {
    const value = stringOf(item) ?? '';
    if (!value.startsWith('container:')) {
      inScalar(item, 'service', value.split(':')[0]);
    }
  }
  const extend = get(service, 'extends');
  if (stringOf(extend) !== undefined) {
    inScalar(extend, 'service', stringOf(extend)!);
  } else if (isMap(extend) && get(extend, 'file') === undefined) {
    const target = get(extend, 'service');
    inScalar(target, 'service', stringOf(target) ?? '');
  }
  for (const namespace of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const value = get(service, namespace);
    const text = stringOf(value);
    if (text?.startsWith('service:')) {
      inScalar(value, 'service', text.slice('service:'.length), 'service:'.length);
    }
  }
  const networks = get(service, 'networks');
  for (const item of items(networks)) {
    inScalar(item, 'network', stringOf(item) ?? '');
  }
  for (const pair of pairs(networks)) {
    keyOf(pair, 'network', false);
  }
  for (const item of items(get(service, 'volumes'))) {
    const value = stringOf(item);
    if (value !== undefined) {
      const spec = parseVolumeSpec(value);
      if (spec.source && !isBindSource(spec.source)) {
        inScalar(item, 'volume', spec.source);
      }
    } else if (isMap(item)) {
      const type = stringOf(get(item, 'type'));
      const source = get(item, 'source');
      if (type === 'volume') {
        inScalar(source, 'volume', stringOf(source) ?? '');
      }
    }
  }
  const uses = (list: unknown, kind: SymbolKind): void => {
    for (const item of items(list)) {
      if (stringOf(item) !== undefined) {
        inScalar(item, kind, stringOf(item)!);
      } else if (isMap(item)) {
        const source = get(item, 'source');
        inScalar(source, kind, stringOf(source) ?? '');
      }
    }
  };
  uses(get(service, 'secrets'), 'secret');
  uses(get(service, 'configs'), 'config');
  const build = get(service, 'build');
  if (isMap(build)) {
    uses(get(build, 'secrets'), 'secret');
  }
  const models = get(service, 'models');
  for (const item of items(models)) {
    inScalar(item, 'model', stringOf(item) ?? '');
  }
  for (const pair of pairs(models)) {
    keyOf(pair, 'model', false);
  }
}
