import type { ContainerArchive } from '../containerArchive';
import { scanArchive, ScanEnd } from './archiveScan';
import { Cap, ListedFile, listedFile } from './fileList';
import { LineMatch, looksBinary, matchingLines, TextQuery } from './textSearch';

/** How many files "Go to File" lists before it says the list was cut. */
export const defaultFileCap = 20_000;
/** How many matching lines "Find in Files" shows before it stops. */
export const defaultMatchCap = 2_000;
/** The largest file searched for text; larger files are passed over. */
export const defaultSearchSize = 4 * 1024 * 1024;

export interface FileListing {
  end: ScanEnd;
  count: number;
  /** More files were there than the cap. */
  cut: boolean;
}

/**
 * Every regular file below `folder`, from one archive of it read header by header, handed to `found` as they
 * come; stops after `cap` files (the listing is then `cut`) or when the signal aborts.
 */
export async function listContainerFiles(
  archive: ContainerArchive,
  folder: string,
  found: (file: ListedFile) => void,
  options: { signal: AbortSignal; cap?: number },
): Promise<FileListing> {
  const cap = new Cap(options.cap ?? defaultFileCap);
  const end = await scanArchive(
    archive,
    folder,
    {
      visit: (entry) => {
        const file = listedFile(entry);
        if (file) {
          if (cap.take() === 1) found(file);
        }
        return 'skip';
      },
    },
    // Ended by the caller's signal, or once the cap refuses something.
    cap.until(options.signal),
  );
  return { end: cap.cut ? 'done' : end, count: cap.count, cut: cap.cut };
}

export interface TextSearchSummary {
  end: ScanEnd;
  matches: number;
  /** More lines matched than the cap. */
  cut: boolean;
  searched: number;
  skippedBinary: number;
  skippedLarge: number;
}

/**
 * The lines matching `query` in the regular files below `folder`, from one archive of it: each file of at most
 * `maxFileSize` bytes is read (one at a time) and searched unless a NUL in its first 8 KB marks it binary;
 * `found` gets each file's matching lines as soon as the file is searched. Stops after `cap` lines or when
 * the signal aborts.
 */
export async function findInContainerFiles(
  archive: ContainerArchive,
  folder: string,
  query: TextQuery,
  found: (file: ListedFile, lines: LineMatch[]) => void,
  options: { signal: AbortSignal; cap?: number; maxFileSize?: number },
): Promise<TextSearchSummary> {
  const cap = new Cap(options.cap ?? defaultMatchCap);
  const maxFileSize = options.maxFileSize ?? defaultSearchSize;
  const summary = { searched: 0, skippedBinary: 0, skippedLarge: 0 };
  const end = await scanArchive(
    archive,
    folder,
    {
      visit: (entry) => {
        if (!listedFile(entry)) return 'skip';
        if (entry.size > maxFileSize) {
          summary.skippedLarge++;
          return 'skip';
        }
        return 'read';
      },
      body: (entry, data) => {
        const file = listedFile(entry);
        if (!file) return;
        if (looksBinary(data)) {
          summary.skippedBinary++;
          return;
        }
        summary.searched++;
        // One line past what fits tells whether the cap cut this file.
        const lines = matchingLines(data, query.pattern, cap.limit - cap.count + 1);
        const kept = lines.slice(0, cap.take(lines.length));
        if (kept.length > 0) found(file, kept);
      },
    },
    // Ended by the caller's signal, or once the cap refuses something.
    cap.until(options.signal),
  );
  return { ...summary, end: cap.cut ? 'done' : end, matches: cap.count, cut: cap.cut };
}
