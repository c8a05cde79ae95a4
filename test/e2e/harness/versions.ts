/**
 * Pinned versions of the real VS Code the end-to-end tests drive. The workbench selectors in `workbench.ts`
 * are VS Code internals: change these only together with a run of the UI journeys.
 */
export const CODE_SERVER_VERSION = '4.100.3';
/** The VS Code release inside that code-server (its `lib/vscode/package.json`). */
export const VSCODE_VERSION = '1.100.3';
/** Debian's Chromium, driven through playwright-core (pinned in package.json). */
export const CHROMIUM_PATH = process.env.DOCKSIDE_E2E_CHROMIUM ?? '/usr/bin/chromium';
