import { formatBytes, shortId } from '../explorer/present/format';

export interface HistoryLayer {
  Id: string;
  Created: number;
  CreatedBy: string;
  Size: number;
  Tags?: string[] | null;
  Comment?: string;
}

/** The instruction behind a history entry, without the shell wrapper Docker records. */
export function layerInstruction(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A plain-text table of an image's layers: size, created, the instruction that made each (newest first). */
export function formatHistory(reference: string, layers: HistoryLayer[]): string {
  const total = layers.reduce((sum, layer) => sum + Math.max(0, layer.Size), 0);
  const rows = layers.map((layer) => {
    const id = layer.Id && layer.Id !== '<missing>' ? shortId(layer.Id) : '<missing>';
    return `${id.padEnd(12)}  ${formatBytes(layer.Size).padStart(8)}  ${new Date(layer.Created * 1000).toISOString().slice(0, 19).replace('T', ' ')}  ${layerInstruction(layer.CreatedBy)}`;
  });
  return [`History of ${reference}: ${layers.length} layers, ${formatBytes(total)}`, '', `${'LAYER'.padEnd(12)}  ${'SIZE'.padStart(8)}  CREATED              INSTRUCTION`, ...rows, ''].join('\n');
}
