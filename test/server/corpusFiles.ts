/**
 * The shared corpora of real-world files beside the repository, as the corpus tests read them: a test on a corpus
 * that is absent is skipped, with the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CorpusFiles {
  folder: string;
  /** The corpus files' names, sorted. */
  files: string[];
  /** The reason to skip a test on the corpus (it is absent), or false. */
  skip: string | false;
}

function corpusFiles(folderName: string, language: string, accept: (name: string) => boolean): CorpusFiles {
  const folder = path.resolve(__dirname, '../../../shared/corpus', folderName);
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter(accept).sort() : [];
  const skip = files.length === 0 ? `the ${language} corpus is absent (${path.relative(process.cwd(), folder)})` : false;
  return { folder, files, skip };
}

export function dockerfileCorpus(): CorpusFiles {
  return corpusFiles('dockerfiles', 'Dockerfile', (name) => !/\.(md|tsv)$/.test(name));
}

export function composeCorpus(): CorpusFiles {
  return corpusFiles('compose', 'Compose', (name) => /\.ya?ml$/.test(name));
}
