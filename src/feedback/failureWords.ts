/**
 * What went wrong with an engine request, in words a user can act on, apart from the engine's raw text
 * (which goes to the output channel). Pure: reads the error's code, HTTP status and message.
 */
import { classifyEngineError, engineMessage, engineStatusCode } from '../engine/errors';

export interface FailureWords {
  /** A short clause: "the name is already in use", "the Docker Engine refused the connection: it is not running". */
  words: string;
  /** The engine's own text, when the words leave it out; undefined when the words say it all. */
  raw: string | undefined;
}

/** Engine messages we can say in words, checked in order against the engine's text. */
const known: Array<[RegExp, string]> = [
  [/is already in use by container|name .* is already in use|already exists/i, 'the name is already in use'],
  [/image is being used by (running|stopped) container|image has dependent child images/i, 'containers or other images use it'],
  [/volume is in use/i, 'a container uses it'],
  [/has active endpoints/i, 'containers are connected to it'],
  [/is a pre-defined network and cannot be removed/i, "it is one of the engine's own networks"],
  [/pool overlaps|overlaps with other one/i, "its subnet overlaps another network's"],
  [/port is already allocated|address already in use/i, 'a host port it publishes is already in use'],
  [/pull access denied|repository does not exist|manifest unknown|not found: manifest/i, 'the registry has no such image, or needs a login'],
  [/unauthorized|authentication required|denied: requested access/i, 'the registry needs a login (docker login)'],
  [/no such image/i, 'there is no such image'],
  [/no such container/i, 'the container no longer exists'],
  [/is not running/i, 'the container is not running'],
  [/is paused/i, 'the container is paused'],
  [/is not paused/i, 'the container is not paused'],
  [/invalid reference format/i, 'the image name is not valid'],
];

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(E[A-Z]+|CERT_|ERR_)/.test(code) && engineStatusCode(error) === undefined;
}

export function failureWords(error: unknown): FailureWords {
  if (isConnectionFailure(error)) {
    // classifyEngineError already speaks in words, and names the endpoint.
    const reason = classifyEngineError(error).reason;
    const raw = error instanceof Error ? error.message : String(error);
    return { words: reason.replace(/\.$/, ''), raw: reason.includes(raw) ? undefined : raw };
  }
  const raw = engineMessage(error);
  const match = known.find(([pattern]) => pattern.test(raw));
  if (match) {
    return { words: match[1], raw };
  }
  const status = engineStatusCode(error);
  if (status === 404) return { words: 'the engine no longer has it', raw };
  if (status === 409) return { words: 'it conflicts with what the engine has now', raw };
  if (status !== undefined && status >= 500) return { words: 'the Docker Engine reported an error', raw };
  if (status !== undefined) return { words: 'the Docker Engine refused the request', raw };
  // Not the engine's: our own sentence, already fit to show.
  return { words: raw.replace(/\.$/, ''), raw: undefined };
}
