import { buildFromPalette } from './buildFromPalette';
import { commandPalette } from './commandPalette';
import { composeUp } from './composeUp';
import { containerContextMenu } from './containerContextMenu';
import { dockerfileSquiggle } from './dockerfileSquiggle';
import { explorerReload } from './explorerReload';
import { explorerView } from './explorerView';
import { Journey } from './journey';
import { rowLatency } from './rowLatency';
import { runTask } from './runTask';
import { statsChart } from './statsChart';

/** The UI journeys, in the order they run. Keep them few: the extension-host suite is the main gate. */
export const journeys: Journey[] = [explorerView, explorerReload, containerContextMenu, dockerfileSquiggle, composeUp, commandPalette, buildFromPalette, runTask, rowLatency, statsChart];
