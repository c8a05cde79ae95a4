/** Command-line form of ensureEngine(): used by the test runner before any engine test starts. */
import { ensureEngine, TEST_IMAGE } from './engine';

ensureEngine().then(
  async (docker) => {
    const version = await docker.version();
    console.log(`Docker Engine ${version.Version} (API ${version.ApiVersion}) ready with ${TEST_IMAGE}`);
  },
  (error: unknown) => {
    console.error(`Cannot get a Docker Engine for the tests: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
