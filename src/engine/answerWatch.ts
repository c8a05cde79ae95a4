import type Docker from 'dockerode';

type DialCallback = (error: unknown, data?: unknown) => void;
interface Dialer {
  dial(options: unknown, callback?: DialCallback): unknown;
}

/** The engine answered: a response came, whatever its status (a 404 is an answer; a refused socket is not). */
export function isAnswer(error: unknown): boolean {
  return !error || typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

/**
 * Calls `onAnswer` each time the engine answers a request made through `docker` (any feature's: a log follow,
 * a command), so the live sync can reconnect at once instead of waiting out its backoff. docker-modem has no
 * hook for this: its `dial`, through which every dockerode request goes, is wrapped (returns the undo).
 */
export function watchAnswers(docker: Docker, onAnswer: () => void): () => void {
  const modem = docker.modem as Dialer;
  const dial = modem.dial;
  modem.dial = function (this: Dialer, options: unknown, callback?: DialCallback) {
    const observed: DialCallback | undefined = callback
      ? (error, data) => {
          if (isAnswer(error)) {
            onAnswer();
          }
          callback(error, data);
        }
      : undefined;
    return dial.call(this, options, observed);
  };
  return () => {
    modem.dial = dial;
  };
}
