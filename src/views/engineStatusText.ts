import type { EngineState } from '../explorer/model';
import { runtimeName } from '../engine/runtime';

/** Status bar text and tooltip for an engine state (pure, so it can be checked without VS Code). */
export function statusBarText(state: EngineState): { text: string; tooltip: string; retry: boolean } {
  switch (state.kind) {
    case 'connecting':
      return { text: '$(loading~spin) Docker', tooltip: `Connecting to the Docker Engine at ${state.endpoint}`, retry: false };
    case 'connected':
      return {
        text: `$(vm-running) ${state.contextName === 'default' ? '' : `${state.contextName} · `}${runtimeName(state.runtime)} ${state.version}`,
        tooltip: `${runtimeName(state.runtime)} Engine ${state.version} (API ${state.apiVersion}), context ${state.contextName}, at ${state.endpoint}`,
        retry: false,
      };
    case 'unreachable':
      if (state.problem === 'timeout') {
        return { text: '$(debug-pause) Docker not answering', tooltip: `${state.reason}\nDockside keeps checking and recovers when it answers. Click to retry now.`, retry: true };
      }
      return { text: '$(vm-outline) Docker unreachable', tooltip: `${state.reason}\nClick to retry.`, retry: true };
  }
}
