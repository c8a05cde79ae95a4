/** Turns a failure to reach the engine into a sentence a user can act on. */
export function describeEngineError(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  const address = (error as { address?: string } | undefined)?.address;
  const where = address ? ` at ${address}` : '';
  switch (code) {
    case 'ENOENT':
      return `No Docker Engine socket${where}: Docker is not installed or not running.`;
    case 'ECONNREFUSED':
      return `The Docker Engine${where} refused the connection: it is not running.`;
    case 'EACCES':
      return `Permission denied on the Docker socket${where}: add your user to the "docker" group (then log in again).`;
    case 'ETIMEDOUT':
      return `The Docker Engine${where} did not answer in time.`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
