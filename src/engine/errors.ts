/** Why the engine cannot be reached, in a form the views can pick their welcome text by. */
export type EngineProblem = 'notRunning' | 'permission' | 'tls' | 'timeout' | 'config' | 'other';

export interface EngineFailure {
  problem: EngineProblem;
  /** A sentence a user can act on. */
  reason: string;
}

const tlsCodes = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_SSL|ERR_TLS|EPROTO$|ERR_OSSL)/;

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns a failure to reach the engine into a problem kind and a sentence a user can act on. */
export function classifyEngineError(error: unknown): EngineFailure {
  const code = errorCode(error);
  const address = (error as { address?: string } | undefined)?.address;
  const where = address ? ` at ${address}` : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOENT':
      return { problem: 'notRunning', reason: `No Docker Engine socket${where}: Docker is not installed or not running.` };
    case 'ECONNREFUSED':
      return { problem: 'notRunning', reason: `The Docker Engine${where} refused the connection: it is not running.` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { problem: 'notRunning', reason: `The Docker Engine${where} closed the connection: it may be stopping or restarting.` };
    case 'EACCES':
    case 'EPERM':
      return {
        problem: 'permission',
        reason: `Permission denied on the Docker socket${where}: add your user to the "docker" group (sudo usermod -aG docker $USER), then log in again.`,
      };
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return { problem: 'timeout', reason: `The Docker Engine${where} did not answer in time.` };
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { problem: 'notRunning', reason: `The Docker Engine host${where} cannot be reached (${code}).` };
  }
  if (code && tlsCodes.test(code)) {
    return { problem: 'tls', reason: `TLS failure talking to the Docker Engine${where}: ${message}. Check DOCKER_CERT_PATH or the context's certificates.` };
  }
  if (/timeout/i.test(message)) {
    return { problem: 'timeout', reason: `The Docker Engine${where} did not answer in time.` };
  }
  if (/certificate|ssl|tls/i.test(message)) {
    return { problem: 'tls', reason: `TLS failure talking to the Docker Engine${where}: ${message}` };
  }
  return { problem: 'other', reason: message };
}

/** The sentence of classifyEngineError, for callers that only need words. */
export function describeEngineError(error: unknown): string {
  return classifyEngineError(error).reason;
}

/** The engine's own message from a dockerode error (`json.message`), else the error's message. */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: unknown } | undefined)?.json;
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof json === 'string' && json.trim()) {
    return json.trim();
  }
  const text = error instanceof Error ? error.message : String(error);
  // docker-modem words the failure of a streamed request `(HTTP code 400) bad parameter - <the engine's message> `.
  const modemText = /^\(HTTP code \d+\) [^-]*- ([\s\S]*\S)\s*$/.exec(text)?.[1];
  if (modemText) {
    return modemText;
  }
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && typeof reason === 'string') {
    return `${reason} (HTTP ${status})`;
  }
  return text;
}

/** "Cannot remove container "web": conflict: …" — the engine's words with the resource named. */
export function actionFailureMessage(verb: string, kind: string, name: string, error: unknown): string {
  return `Cannot ${verb} ${kind} "${name}": ${engineMessage(error)}`;
}

/** The HTTP status of a dockerode error, when there is one. */
export function engineStatusCode(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
