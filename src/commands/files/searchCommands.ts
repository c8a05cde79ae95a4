import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { containerFileUri } from '../../files/containerFileSystem';
import { joinContainerPath } from '../../files/containerPath';
import { defaultFileCap, defaultMatchCap, defaultSearchSize, findInContainerFiles, listContainerFiles } from '../../files/search/containerSearch';
import type { ListedFile } from '../../files/search/fileList';
import { parseTextQuery, previewOfLine } from '../../files/search/textSearch';
import { formatByteSize } from '../../files/byteSize';
import { describeFileFailure } from './fileFailure';
import { SearchRoot, searchRoot } from './searchRoot';

type FileRow = vscode.QuickPickItem & { uri?: vscode.Uri; selection?: vscode.Range };

function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function uriOf(root: SearchRoot, file: ListedFile): vscode.Uri {
  return containerFileUri({ ...root.location, path: joinContainerPath(root.location.path, file.path) });
}

function archiveOf(dockside: Dockside, root: SearchRoot) {
  return dockside.files.filesOf(root.uri).files.archiveApi;
}

/**
 * `dockside.files.goToFile`: every file below a container folder in a quick pick filled as the folder's archive
 * streams in (headers only), filtered by the editor as the user types; the picked file opens in an editor.
 */
export function goToFile(dockside: Dockside) {
  return async (node?: unknown, nodes?: unknown): Promise<vscode.Uri | undefined> => {
    const root = await searchRoot(dockside, node, nodes, 'Go to a file in which container');
    if (!root) return undefined;
    let summary = '';
    try {
      const picked = await dockside.prompts.livePick<FileRow>({
        title: `Go to File in ${root.label}`,
        placeholder: 'File name or path (the list fills as the container sends it)',
        matchOnDescription: true,
        inert: (row) => row.uri === undefined,
        doneTitle: () => `Go to File in ${root.label} (${summary})`,
        feed: async (add, signal) => {
          const listing = await listContainerFiles(
            archiveOf(dockside, root),
            root.location.path,
            (file) => add([{ label: file.name, description: file.folder, uri: uriOf(root, file), iconPath: vscode.ThemeIcon.File }]),
            { signal, cap: defaultFileCap },
          );
          summary = countOf(listing.count, 'file');
          if (listing.cut) {
            summary = `the first ${summary}`;
            add([{ label: `$(warning) Only the first ${countOf(listing.count, 'file')} are listed`, description: 'type more of the path, or go to a folder further down', alwaysShow: true }]);
          }
        },
      });
      if (!picked?.uri) return undefined;
      await vscode.commands.executeCommand('vscode.open', picked.uri);
      return picked.uri;
    } catch (error) {
      void dockside.notices.error(`Cannot list the files of ${root.label}: ${describeFileFailure(error)}`);
      return undefined;
    }
  };
}

/**
 * `dockside.files.findInFiles`: asks for text (or `/regex/flags`), streams the folder's archive and searches
 * each text file up to a size limit as it arrives; each matching line is a row (file:line, the line) that opens
 * the file with the match selected.
 */
export function findInFiles(dockside: Dockside) {
  return async (node?: unknown, nodes?: unknown): Promise<vscode.Uri | undefined> => {
    const root = await searchRoot(dockside, node, nodes, 'Find in the files of which container');
    if (!root) return undefined;
    const typed = await dockside.prompts.inputBox({
      title: `Find in Files of ${root.label}`,
      prompt: 'Text to find, in any case; /pattern/ for a regular expression (/pattern/i in any case)',
      validateInput: (value) => {
        const query = parseTextQuery(value);
        return typeof query === 'string' ? query : undefined;
      },
    });
    if (typed === undefined) return undefined;
    const query = parseTextQuery(typed);
    if (typeof query === 'string') return undefined;
    let summary = '';
    try {
      const picked = await dockside.prompts.livePick<FileRow>({
        title: `Find ${query.source} in ${root.label}`,
        placeholder: 'Filter the matches by file or text (matches appear as the files are searched)',
        matchOnDescription: true,
        matchOnDetail: true,
        inert: (row) => row.uri === undefined,
        doneTitle: () => `Find ${query.source} in ${root.label} (${summary})`,
        feed: async (add, signal) => {
          const result = await findInContainerFiles(
            archiveOf(dockside, root),
            root.location.path,
            query,
            (file, lines) => {
              const uri = uriOf(root, file);
              add(
                lines.map((match) => {
                  const [from, to] = match.ranges[0];
                  return {
                    label: previewOfLine(match).text,
                    description: `${file.path}:${match.line + 1}`,
                    uri,
                    selection: new vscode.Range(match.line, from, match.line, to),
                  };
                }),
              );
            },
            { signal, cap: defaultMatchCap, maxFileSize: defaultSearchSize },
          );
          const skipped = [
            result.skippedBinary > 0 ? `${countOf(result.skippedBinary, 'binary file')} skipped` : '',
            result.skippedLarge > 0 ? `${countOf(result.skippedLarge, 'file')} over ${formatByteSize(defaultSearchSize)} skipped` : '',
          ].filter(Boolean);
          summary = [`${countOf(result.matches, 'line')} in ${countOf(result.searched, 'file')} searched`, ...skipped].join(', ');
          if (result.cut) {
            add([{ label: `$(warning) The search stopped at ${countOf(result.matches, 'matching line')}`, description: 'search a folder further down, or for something rarer', alwaysShow: true }]);
          } else if (result.matches === 0) {
            add([{ label: `No line matches ${query.source}`, description: summary, alwaysShow: true }]);
          }
        },
      });
      if (!picked?.uri) return undefined;
      await vscode.window.showTextDocument(picked.uri, { selection: picked.selection, preview: true });
      return picked.uri;
    } catch (error) {
      void dockside.notices.error(`Cannot search the files of ${root.label}: ${describeFileFailure(error)}`);
      return undefined;
    }
  };
}
