/** Paths of documents, for both languages. */
import { fileURLToPath } from 'node:url';

/** The file system path of a `file:` URI, or undefined for any other scheme (or a URI that names no path). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    return undefined;
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
