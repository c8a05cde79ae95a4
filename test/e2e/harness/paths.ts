/** Where the e2e harness reads and writes inside the repository (all computed from this file's place). */
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
/** The release package `npm run package` makes. */
export const vsixPath = path.join(repoRoot, 'dockside.vsix');
/** Screenshots and logs of the last run (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');
/** Copied for each run: the workbench may write into the folder it opens. */
export const fixtureWorkspace = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace');
/** What `npm start` opens: a small Dockerfile and compose file to try Dockside on. */
export const sampleWorkspace = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'sample');
export const suiteSourceDir = path.join(repoRoot, 'test', 'e2e', 'exthost');
/** The bundled extension-host suite (git-ignored). */
export const suiteOutDir = path.join(repoRoot, 'out', 'e2e');
