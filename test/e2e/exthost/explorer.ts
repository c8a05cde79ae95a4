/**
 * Reading the explorer the way VS Code does (through the views' tree data providers and tree items) and
 * answering the explorer's questions (`dockside.prompts`) from an extension-host suite.
 */
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import type { Prompts } from '../../../src/commands/explorer/prompts';
import type { LivePickFrame } from '../../../src/commands/files/livePick';
import type { InputStepFrame, PickStepFrame } from '../../../src/commands/multiStepInput';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import type { ResourceKind } from '../../../src/explorer/resources';
import { activateDockside, eventually } from './support';

/** What a user sees of one row: label, description, icon (codicon id and colour), and the menu context value. */
export interface Row {
  node: ExplorerNode;
  label: string;
  description: string;
  icon: string;
  iconColor: string | undefined;
  contextValue: string;
}

/** Activates Dockside and makes its explorer live (the views may never have been shown in this host). */
export async function liveExplorer(): Promise<Dockside> {
  const dockside = await activateDockside();
  await dockside.ensureExplorer();
  return dockside;
}

function provider(dockside: Dockside, view: ResourceKind) {
  const found = dockside.views.providers.find((candidate) => candidate.view === view);
  if (!found) {
    throw new Error(`no tree provider for the ${view} view`);
  }
  return found;
}

function row(item: vscode.TreeItem, node: ExplorerNode): Row {
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
  if (item.iconPath && !icon) {
    throw new Error(`row "${node.name}" has an icon that is not a theme icon`);
  }
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return {
    node,
    label,
    description: typeof item.description === 'string' ? item.description : '',
    icon: icon?.id ?? '',
    iconColor: icon?.color?.id,
    contextValue: item.contextValue ?? '',
  };
}

/** Every row of a view, depth first, as its provider gives them to VS Code (groups expanded). */
export async function viewRows(dockside: Dockside, view: ResourceKind): Promise<Row[]> {
  const tree = provider(dockside, view);
  const walk = async (parent?: ExplorerNode): Promise<Row[]> => {
    const children = (await tree.getChildren(parent)) ?? [];
    const rows: Row[] = [];
    for (const child of children) {
      // Only the model's own groups: rows loaded on expansion (a container's files) are not walked.
      rows.push(row(await tree.getTreeItem(child), child), ...(child.children ? await walk(child) : []));
    }
    return rows;
  };
  return walk();
}

/** Polls the view until a row of a resource with engine id `id` passes `accept` (the model follows the event stream). */
export function waitForRow(dockside: Dockside, view: ResourceKind, id: string, what: string, accept: (row: Row) => boolean = () => true): Promise<Row> {
  return eventually(`the ${view} view to show ${what}`, async () =>
    (await viewRows(dockside, view)).find((candidate) => candidate.node.kind === view && candidate.node.id === id && accept(candidate)),
  );
}

/** Polls the view until no row of a resource named `name` (or with engine id `name`) is left. */
export function waitForNoRow(dockside: Dockside, view: ResourceKind, name: string): Promise<true> {
  return eventually(`the ${view} view to drop "${name}"`, async () => {
    const rows = await viewRows(dockside, view);
    return rows.some((candidate) => candidate.node.kind === view && (candidate.node.name === name || candidate.node.id === name)) ? undefined : true;
  });
}

/** The questions a command asked while answers were scripted. */
export interface Asked {
  warnings: string[];
  /** The detail line of each warning, in the same order (empty when it had none). */
  warningDetails: string[];
  inputs: string[];
  picks: string[];
  /** The information notifications shown (answered by dismissing them). */
  informations: string[];
  /** The titles of the input boxes and quick picks, in the order asked. */
  titles: string[];
  /** The URIs opened outside VS Code (answered as opened). */
  opened: string[];
}

/**
 * Answers the commands' prompts for the duration of `run`: modal warnings with `warning` (a button title),
 * input boxes and the input steps of a multi-step input in order from `inputs`, quick picks and pick steps
 * in order from `picks` (an item is chosen by its label, or else by its description; a live pick's row as soon
 * as it arrives, the rest of its feed then cancelled as closing the pick would). Every answer must
 * pass the prompt's own validation. A prompt nobody scripted fails the test. The real prompts are put back
 * afterwards.
 */
export async function answering<T>(
  dockside: Dockside,
  answers: { warning?: string; inputs?: string[]; picks?: string[] },
  /** Gets what was asked so far, to wait for a later question or notification. */
  run: (asked: Asked) => Thenable<T>,
): Promise<{ result: T; asked: Asked }> {
  const asked: Asked = { warnings: [], warningDetails: [], inputs: [], picks: [], titles: [], informations: [], opened: [] };
  const inputs = [...(answers.inputs ?? [])];
  const picks = [...(answers.picks ?? [])];
  const saved: Prompts = { ...dockside.prompts };
  const unexpected = (kind: string, text: string | undefined) => new Error(`unscripted ${kind}: ${text ?? '(no text)'}`);
  const pick = <I extends vscode.QuickPickItem>(items: readonly I[], options: vscode.QuickPickOptions): I => {
    const question = options.title ?? options.placeHolder ?? '';
    asked.picks.push(question);
    asked.titles.push(options.title ?? '');
    const label = picks.shift();
    const item = items.find((candidate) => candidate.label === label) ?? items.find((candidate) => candidate.description === label);
    if (!item) {
      throw unexpected('quick pick', `${question} (wanted "${label}" among ${items.map((candidate) => candidate.label).join(', ')})`);
    }
    return item;
  };
  const input = async (prompt: string, validate: (value: string) => string | undefined | null | vscode.InputBoxValidationMessage | Thenable<string | undefined | null | vscode.InputBoxValidationMessage>) => {
    asked.inputs.push(prompt);
    const value = inputs.shift();
    if (value === undefined) {
      throw unexpected('input box', prompt);
    }
    const invalid = await validate(value);
    if (invalid) {
      throw new Error(`"${value}" was refused by the input box "${prompt}": ${typeof invalid === 'string' ? invalid : invalid.message}`);
    }
    return value;
  };
  Object.assign(dockside.prompts, {
    warning: async (message: string, options: vscode.MessageOptions, ...items: string[]) => {
      asked.warnings.push(message);
      asked.warningDetails.push(options.detail ?? '');
      if (!answers.warning || !items.includes(answers.warning)) {
        throw unexpected('warning', `${message} [${items.join(' | ')}]`);
      }
      return answers.warning;
    },
    information: async (message: string) => {
      asked.informations.push(message);
      return undefined;
    },
    inputBox: async (options: vscode.InputBoxOptions) => {
      asked.titles.push(options.title ?? '');
      return input(options.prompt ?? options.title ?? '', (value) => options.validateInput?.(value));
    },
    quickPick: async <I extends vscode.QuickPickItem>(items: readonly I[], options: vscode.QuickPickOptions) => pick(items, options),
    quickPickMany: async <I extends vscode.QuickPickItem>(items: readonly I[], options: vscode.QuickPickOptions) => [pick(items, options)],
    inputStep: async (frame: InputStepFrame) => ({ kind: 'value' as const, value: await input(`${frame.title} (${frame.step}/${frame.totalSteps}): ${frame.prompt}`, frame.validate) }),
    pickStep: async <T>(frame: PickStepFrame<T>) => ({ kind: 'value' as const, value: pick(frame.items, { title: `${frame.title} (${frame.step}/${frame.totalSteps})` }).value }),
    openDialog: async () => undefined,
    openExternal: async (uri: vscode.Uri) => {
      asked.opened.push(uri.toString(true));
      return true;
    },
    livePick: async <I extends vscode.QuickPickItem>(frame: LivePickFrame<I>) => {
      // The rows arrive while the pick is open: the scripted one is chosen as soon as it is there.
      const rows: I[] = [];
      const controller = new AbortController();
      let chosen: I | undefined;
      await frame.feed((items) => {
        rows.push(...items);
        chosen ??= rows.find((row) => row.label === picks[0]) ?? rows.find((row) => row.description === picks[0]);
        if (chosen) controller.abort();
      }, controller.signal);
      if (!chosen) {
        return pick(rows, { title: frame.doneTitle?.() ?? frame.title });
      }
      controller.abort();
      return pick([chosen], { title: frame.title });
    },
  } satisfies Prompts);
  try {
    return { result: await run(asked), asked };
  } finally {
    Object.assign(dockside.prompts, saved);
  }
}

/**
 * Runs an inspect command on a node and returns the JSON of the `dockside:` document it opened
 * (`dockside:/<kind>/<name>.json`).
 */
export async function inspectThroughCommand(command: string, node: ExplorerNode, kind: ResourceKind): Promise<{ uri: vscode.Uri; json: unknown }> {
  await vscode.commands.executeCommand(command, node);
  const document = await eventually(`a dockside: document for ${kind} "${node.name}"`, () =>
    vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'dockside' && candidate.uri.path.startsWith(`/${kind}/`) && new URLSearchParams(candidate.uri.query).get('id') === node.id),
  );
  return { uri: document.uri, json: JSON.parse(document.getText()) };
}
