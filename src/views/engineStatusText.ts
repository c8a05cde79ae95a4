import { showControlCharacters } from '../../server/dockerfile/text/controlCharacters';
import type { EngineState } from '../explorer/model';
import { runtimeName } from '../engine/runtime';

/**
 * A value from the engine or a context's name in status bar text: its control characters shown as escapes, and
 * `$(…)` escaped so that it shows as written instead of as an icon.
 */
function plain(value: string): string {
  return showControlCharacters(value).replace(/\$\(/g, '\\$(');
}

/** Status bar text and tooltip for an engine state (pure, so it can be checked without VS Code). */
export function statusBarText(state: EngineState): { text: string; tooltip: string; retry: boolean } {
  switch (state.kind) {
    case 'connecting':
      return { text: '$(loading~spin) Docker', tooltip: `Connecting to the Docker Engine at ${state.endpoint}`, retry: false };
    case 'connected':
      return {
        text: `$(vm-running) ${state.contextName === 'default' ? '' : `${plain(state.contextName)} · `}${runtimeName(state.runtime)} ${plain(state.version)}`,
        tooltip: showControlCharacters(`${runtimeName(state.runtime)} Engine ${state.version} (API ${state.apiVersion}), context ${state.contextName}, at ${state.endpoint}`),
        retry: false,
      };
    case 'unreachable':
      if (state.problem === 'timeout') {
        return { text: '$(debug-pause) Docker not answering', tooltip: `${state.reason}\nDockside keeps checking and recovers when it answers. Click to retry now.`, retry: true };
      }
      return { text: '$(vm-outline) Docker unreachable', tooltip: `${state.reason}\nClick to retry.`, retry: true };
  }
}
