/**
 * Links to the files a Compose file names: build contexts and Dockerfiles, env files, bind-mount sources,
 * `include`d and `extends`ed files, secret and config files. Only local paths that exist are linked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { DocumentLink } from 'vscode-languageserver';
import type { ComposeAnalysis } from '../analysis';
import { interpolate } from '../parse/interpolation';
import { isBindSource, parseVolumeSpec } from '../diagnostics/rules/volumeSpec';

export function documentLinks(analysis: ComposeAnalysis): DocumentLink[] {
  if (!analysis.file) {
    return [];
  }
  const folder = path.dirname(analysis.file);
  const text = analysis.document.text;
  const links: DocumentLink[] = [];
  const get = (map: unknown, key: string): unknown =>
    isMap(map) ? map.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key)?.value : undefined;
  const entries = (map: unknown): [string, unknown][] =>
    isMap(map) ? map.items.filter(isPair).flatMap((pair) => (isScalar(pair.key) ? [[String(pair.key.value), pair.value] as [string, unknown]] : [])) : [];
  const list = (node: unknown): unknown[] => (isSeq(node) ? node.items : node === undefined ? [] : [node]);

  /** Links the part `written` of a scalar to `base`/`written` when it exists. */
  const link = (node: unknown, base: string, written?: string, tooltip?: string): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) {
      return;
    }
    const raw = written ?? node.value;
    const resolved = interpolate(raw, analysis.project.lookup);
    if (resolved.dependsOnUnknown || /^[a-z][a-z0-9+.-]*:\/\//i.test(resolved.value) || resolved.value === '') {
      return;
    }
    const target = path.resolve(base, resolved.value.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
    if (!fs.existsSync(target)) {
      return;
    }
    const source = text.slice(node.range[0], node.range[1]);
    const at = source.indexOf(raw);
    const start = node.range[0] + Math.max(0, at);
    links.push({
      range: analysis.document.range(start, start + (at >= 0 ? raw.length : source.length)),
      target: pathToFileURL(target).toString(),
      tooltip,
    });
  };

  const root = analysis.document.yaml.contents;
  for (const entry of list(get(root, 'include'))) {
    if (isScalar(entry)) {
      link(entry, folder, undefined, 'Open the included file');
    } else {
      for (const item of list(get(entry, 'path'))) {
        link(item, folder, undefined, 'Open the included file');
      }
    }
  }
  for (const section of ['secrets', 'configs']) {
    for (const [, declared] of entries(get(root, section))) {
      link(get(declared, 'file'), folder);
    }
  }
  for (const [, service] of entries(get(root, 'services'))) {
    const build = get(service, 'build');
    let context = folder;
    if (isScalar(build)) {
      link(build, folder, undefined, 'Open the build context');
      context = path.resolve(folder, String((build as Scalar).value));
    } else if (isMap(build)) {
      const contextNode = get(build, 'context');
      link(contextNode, folder, undefined, 'Open the build context');
      if (isScalar(contextNode) && typeof contextNode.value === 'string') {
        context = path.resolve(folder, contextNode.value);
      }
      link(get(build, 'dockerfile'), context, undefined, 'Open the Dockerfile');
    }
    for (const item of list(get(service, 'env_file'))) {
      link(isMap(item) ? get(item, 'path') : item, folder);
    }
    for (const item of list(get(service, 'volumes'))) {
      if (isScalar(item) && typeof item.value === 'string') {
        const spec = parseVolumeSpec(item.value);
        if (spec.source && isBindSource(spec.source)) {
          link(item, folder, spec.source);
        }
      } else if (isMap(item)) {
        const type = get(item, 'type');
        if (isScalar(type) && type.value === 'bind') {
          link(get(item, 'source'), folder);
        }
      }
    }
    const extend = get(service, 'extends');
    link(get(extend, 'file') as Node | undefined, folder, undefined, 'Open the extended file');
  }
  return links;
}
