import type { ModelChange } from '../explorer/model';

/** What a `dockside:` document shows: the inspect JSON of a resource, an image's history, a registry's manifest. */
export type InspectTarget = {
  what: InspectKind;
  id: string;
  name: string;
  /** The engine's key when several are connected (absent: the current engine). */
  engine?: string;
};

/** The explorer's resources, an image's history, a registry's manifest, an engine, and the Swarm objects. */
export const inspectKinds = ['container', 'image', 'volume', 'network', 'history', 'manifest', 'engine', 'service', 'node', 'task', 'secret', 'config'] as const;
export type InspectKind = (typeof inspectKinds)[number];
/** The kinds the explorer model holds (a change to one re-reads its open documents). */
const modelKinds: readonly string[] = ['container', 'image', 'volume', 'network', 'history'];

export const inspectScheme = 'dockside';

/** `dockside:/container/web.json?id=<engine id>`: the name makes a readable tab title, the id is what is read. */
export function inspectPath(target: InspectTarget): { path: string; query: string } {
  const safeName = target.name.replace(/[/\\:?#]/g, '_') || target.id;
  const extension = target.what === 'history' ? 'txt' : 'json';
  const engine = target.engine === undefined ? '' : `&engine=${encodeURIComponent(target.engine)}`;
  return { path: `/${target.what}/${safeName}.${extension}`, query: `id=${encodeURIComponent(target.id)}${engine}` };
}

/** The engine a model change comes from: its key, and whether it is the current engine. */
export interface ChangeOrigin {
  engine: string;
  primary: boolean;
}

/**
 * Whether a change to one engine's model concerns an open document's target (then it re-reads). A document of
 * no engine in particular is the current engine's; ids are compared within one engine only (two engines can
 * hold the same image id). Without an origin the change is taken as the document's engine's.
 */
export function changeConcerns(target: InspectTarget, change: ModelChange, origin?: ChangeOrigin): boolean {
  if (target.what === 'manifest') {
    return false;
  }
  if (origin && (target.engine === undefined ? !origin.primary : target.engine !== origin.engine)) {
    return false;
  }
  const kind = target.what === 'history' ? 'image' : target.what;
  if (!modelKinds.includes(kind) || kind !== change.resource) {
    return false;
  }
  return change.change.kind === 'reset' || change.change.upserted.includes(target.id) || change.change.removed.includes(target.id);
}

export function parseInspectPath(path: string, query: string): InspectTarget | undefined {
  const match = new RegExp(`^/(${inspectKinds.join('|')})/(.+)\\.(json|txt)$`).exec(path);
  const params = new URLSearchParams(query);
  const id = params.get('id');
  if (!match || !id) {
    return undefined;
  }
  const engine = params.get('engine') ?? undefined;
  return { what: match[1] as InspectTarget['what'], id, name: match[2], ...(engine === undefined ? {} : { engine }) };
}
