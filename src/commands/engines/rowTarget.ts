import type { Dockside } from '../../dockside';
import { EngineRowNode, engineRowNodes } from '../../engines/present';

function isRow(value: unknown): value is EngineRowNode {
  return typeof value === 'object' && value !== null && (value as EngineRowNode).kind === 'engineRow';
}

/**
 * The Engines view row a command acts on: the clicked row (when `eligible`), else a quick pick of the eligible
 * rows; undefined when the user cancels or none is eligible (then says so).
 */
export async function engineRowTarget(
  dockside: Dockside,
  node: unknown,
  eligible: (row: EngineRowNode) => boolean,
  placeholder: string,
): Promise<EngineRowNode | undefined> {
  if (isRow(node)) {
    return node;
  }
  const rows = engineRowNodes(dockside.engines.rows()).filter(eligible);
  if (rows.length === 0) {
    void dockside.prompts.information(`No engine to choose from (${placeholder.toLowerCase()}).`);
    return undefined;
  }
  const picked = await dockside.prompts.quickPick(
    rows.map((row) => ({ label: row.name, description: row.description, row })),
    { placeHolder: placeholder },
  );
  return picked?.row;
}
