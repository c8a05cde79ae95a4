import { classifyEngineError, engineMessage } from '../engine/errors';

/** The kinds of failure a file operation reports; they map one to one onto `vscode.FileSystemError` kinds. */
export type FileErrorKind = 'notFound' | 'exists' | 'notADirectory' | 'isADirectory' | 'noPermissions' | 'unavailable' | 'other';

/** A failed file operation in words a user can act on, with the kind the editor needs. */
export class ContainerFileError extends Error {
  constructor(
    readonly kind: FileErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerFileError';
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps an engine failure of an archive request on `path` to a file error: 404 is a missing path (or
 * container), 403 a read-only target, "not a directory" a wrong type, a refused connection the engine away.
 */
export function fileErrorFromEngine(error: unknown, path: string): ContainerFileError {
  if (error instanceof ContainerFileError) {
    return error;
  }
  const status = statusOf(error);
  const message = engineMessage(error);
  if (status === undefined) {
    const failure = classifyEngineError(error);
    return new ContainerFileError(failure.problem === 'other' ? 'other' : 'unavailable', failure.reason);
  }
  if (/not a directory/i.test(message)) {
    return new ContainerFileError('notADirectory', `${path}: a parent is not a folder (${message}).`);
  }
  if (/is a directory/i.test(message)) {
    return new ContainerFileError('isADirectory', `${path} is a folder.`);
  }
  if (status === 404) {
    return new ContainerFileError('notFound', /No such container/.test(message) ? `The container is gone: ${message}` : `${path} does not exist in the container.`);
  }
  if (status === 403 || /read-only|permission denied/i.test(message)) {
    return new ContainerFileError('noPermissions', `${path} cannot be written: ${message}`);
  }
  if (status === 409) {
    return new ContainerFileError('unavailable', `The container cannot be reached now: ${message}`);
  }
  return new ContainerFileError('other', message);
}
