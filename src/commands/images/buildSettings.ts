import * as vscode from 'vscode';
import { BuilderSetting, parseBuilderSetting } from '../../build/builderChoice';
import { readMachineSetting } from '../../config';

/** Typed access to the `dockside.build.*` settings used by the build commands. */
export const buildSettings = {
  /** `auto` (follow the engine), `buildkit` or `classic`. */
  get builder(): BuilderSetting {
    return parseBuilderSetting(vscode.workspace.getConfiguration('dockside.build').get<string>('builder', 'auto'));
  },
  /** The network of RUN steps; undefined for the engine's default. */
  get network(): string | undefined {
    return readMachineSetting('dockside.build', 'network', '').trim() || undefined;
  },
};
