/**
 * `dockside-lint`: lints Dockerfiles from the command line with the same engine as the language server: what the
 * builder cannot read (DS100, the server's validator diagnostics), the rules, and ShellCheck.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';
import { lintDockerfile, SEVERITY_RANK, type Finding, type FindingSeverity, type LintInput, type LintSettings, type RuleSetting } from './lint';
import { formatJson, formatSarif, formatText, type FileFindings } from './lint/report/formats';
import { initShellParser } from './lint/shell/bashParser';
import { shellcheckDockerfiles } from './lint/shellcheck';
import { syntaxFindings } from './diagnostics/syntax';
import { installParser, parse } from './parse/parser';
import { findHadolintConfig, hadolintConfigIn, readDockerignore, readHadolintConfig, readIgnorePatterns } from './project/lintFiles';
import { localRuleLinks } from './project/rulesDocument';
import { DEFAULT_MAX_BYTES, describeBytes, parseByteSize, readDockerfileFile, readDockerfileStream, RefusedInput } from './project/dockerfileInput';
import { showControlCharacters } from './text/controlCharacters';

const USAGE = `Usage: dockside-lint [--format text|json|sarif] [--config FILE]
                     [--failure-threshold error|warning|info|style] [--no-shellcheck]
                     [--max-size SIZE] FILES... | -

Lints Dockerfiles with the same checks as the Dockside language server: what the builder cannot read
(DS100 syntax, errors no setting turns off) and the rules.
Without --config, each Dockerfile's nearest .hadolint.yaml or .hadolint.yml is read, looked for from its folder
up to the current folder (standard input: the current folder's), as the editor looks up to the workspace folder.
The build context is taken to be each Dockerfile's folder: its .dockerignore (or <Dockerfile>.dockerignore)
is read for COPY checks. ShellCheck runs on RUN scripts when installed, unless --no-shellcheck.
Only regular files and standard input of UTF-8 text are read, each up to --max-size (bytes, or with a k, m or g
suffix; default ${describeBytes(DEFAULT_MAX_BYTES).replace(' ', '')}); a FIFO, a device, a directory, a larger input or binary content is refused.
Exit status: 0 when no finding reaches the threshold, 1 when one does, 2 on a usage error or an input that
cannot be read or is refused (the other files are still linted).`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info', 'style'];

interface Options {
  format: (typeof FORMATS)[number];
  config?: string;
  failureThreshold?: FindingSeverity;
  shellcheck: boolean;
  /** The most bytes read from one input. */
  maxBytes: number;
  files: string[];
}

class UsageError extends Error {}

function parseArguments(argv: string[]): Options {
  const options: Options = { format: 'text', shellcheck: true, maxBytes: DEFAULT_MAX_BYTES, files: [] };
  const valueOf = (name: string, inline: string | undefined, next: () => string | undefined): string => {
    const value = inline ?? next();
    if (value === undefined || value === '') {
      throw new UsageError(`${name} needs a value`);
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const [name, inline] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    const next = () => argv[++i];
    if (name === '--format' || name === '-f') {
      const format = valueOf(name, inline, next);
      if (!FORMATS.includes(format as Options['format'])) {
        throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
      }
      options.format = format as Options['format'];
    } else if (name === '--config' || name === '-c') {
      options.config = valueOf(name, inline, next);
    } else if (name === '--failure-threshold' || name === '-t') {
      const threshold = valueOf(name, inline, next);
      if (!SEVERITIES.includes(threshold as FindingSeverity)) {
        throw new UsageError(`unknown failure threshold '${threshold}' (expected ${SEVERITIES.join(', ')})`);
      }
      options.failureThreshold = threshold as FindingSeverity;
    } else if (name === '--max-size') {
      const size = valueOf(name, inline, next);
      const bytes = parseByteSize(size);
      if (bytes === undefined) {
        throw new UsageError(`--max-size '${size}' is not a size (a positive number of bytes, or with k, m or g: 4m)`);
      }
      options.maxBytes = bytes;
    } else if (name === '--no-shellcheck') {
      options.shellcheck = false;
    } else if (argument === '-' || !argument.startsWith('-')) {
      options.files.push(argument);
    } else {
      throw new UsageError(`unknown option '${argument}'`);
    }
  }
  if (options.files.length === 0) {
    throw new UsageError('no Dockerfile given (use - for standard input)');
  }
  return options;
}

interface Configuration {
  settings: LintSettings;
  shellcheckRules: Record<string, RuleSetting>;
  failureThreshold?: FindingSeverity;
}

const NO_CONFIGURATION: Configuration = { settings: {}, shellcheckRules: {} };

/**
 * Each file's configuration: the one given with --config, else the nearest `.hadolint.yaml` / `.hadolint.yml`
 * from the file's folder up to the current folder, as the language server looks from a Dockerfile's folder up
 * to its workspace folder (standard input: the current folder's). Each file is read once.
 */
class Configurations {
  private readonly explicit: Configuration | undefined;
  private readonly byPath = new Map<string, Configuration>();

  constructor(explicit: string | undefined) {
    this.explicit = explicit === undefined ? undefined : this.read(explicit);
  }

  /** Throws a UsageError for a configuration that cannot be read. */
  for(file: string): Configuration {
    if (this.explicit) {
      return this.explicit;
    }
    const found = file === '-' ? hadolintConfigIn('.') : findHadolintConfig(path.dirname(file), '.');
    return found === undefined ? NO_CONFIGURATION : this.read(found);
  }

  private read(file: string): Configuration {
    const key = path.resolve(file);
    let configuration = this.byPath.get(key);
    if (!configuration) {
      let result;
      try {
        result = readHadolintConfig(file);
      } catch (error) {
        throw new UsageError(`cannot read configuration ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      for (const problem of result.problems) {
        warn(`${file}: ${problem}`);
      }
      configuration = { settings: result.settings, shellcheckRules: result.shellcheckRules, failureThreshold: result.failureThreshold };
      this.byPath.set(key, configuration);
    }
    return configuration;
  }
}

interface LintedFile {
  input: LintInput;
  findings: Finding[];
  configuration: Configuration;
}

/** Writes one line to standard error, its control characters shown as escapes. */
function warn(message: string): void {
  process.stderr.write(`dockside-lint: ${showControlCharacters(message)}\n`);
}

/** The input's text within the size limit; throws RefusedInput (or a read error) for what is not to be linted. */
function readInput(file: string, maxBytes: number): Promise<string> | string {
  return file === '-' ? readDockerfileStream(process.stdin, maxBytes) : readDockerfileFile(file, maxBytes);
}

function lintFile(file: string, text: string, configuration: Configuration): LintedFile {
  // Standard input has no file name: the build context is the current folder.
  const dockerignore = file === '-' ? readIgnorePatterns('.dockerignore') : readDockerignore(file);
  // Parsed first: the validator's own parse of the same text is then answered from the parser's cache.
  const input = { text, dockerfile: parse(text), settings: configuration.settings, dockerignore };
  const failed = (what: string, error: unknown) =>
    warn(`${file}: ${what} failed, its findings are missing: ${error instanceof Error ? error.message : String(error)}`);
  let syntax: Finding[] = [];
  try {
    syntax = syntaxFindings(text);
  } catch (error) {
    failed('the syntax check', error);
  }
  const rules = lintDockerfile({ ...input, onRuleError: (rule, error) => failed(`rule ${rule.code} ${rule.name}`, error) });
  const findings = [...syntax, ...rules].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { input, findings, configuration };
}

/** ShellCheck's findings added to each file's, all files' scripts in a few processes run side by side. */
async function addShellcheckFindings(linted: readonly LintedFile[]): Promise<void> {
  const fromShellcheck = await shellcheckDockerfiles(
    linted.map(({ input }) => input),
    {
      rulesByDocument: linted.map(({ configuration }) => configuration.shellcheckRules),
      concurrency: os.availableParallelism(),
      onUnavailable: (message) => warn(message),
    },
  );
  for (const [index, { findings }] of linted.entries()) {
    findings.push(...fromShellcheck[index]);
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: Options;
  let configurations: { file: string; configuration: Configuration }[];
  try {
    options = parseArguments(argv);
    const found = new Configurations(options.config);
    configurations = options.files.map((file) => ({ file, configuration: found.for(file) }));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dockside-lint: ${showControlCharacters(error.message)}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  await initShellParser();
  // The language server's reading of Dockerfiles: BuildKit's line continuations, the libraries' fixes and caches.
  installParser();
  const linted: (LintedFile & { path: string })[] = [];
  let unreadable = false;
  for (const { file, configuration } of configurations) {
    let text: string;
    try {
      text = await readInput(file, options.maxBytes);
    } catch (error) {
      warn(error instanceof RefusedInput ? `${file}: refused: ${error.message}` : `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      unreadable = true;
      continue;
    }
    try {
      linted.push({ path: file, ...lintFile(file, text, configuration) });
    } catch (error) {
      warn(`cannot lint ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      unreadable = true;
    }
  }
  if (options.shellcheck) {
    await addShellcheckFindings(linted);
  }
  const results: FileFindings[] = linted.map(({ path, findings }) => ({ path, findings }));
  const output = options.format === 'json' ? formatJson(results, localRuleLinks()) : options.format === 'sarif' ? formatSarif(results, version) : formatText(results);
  process.stdout.write(output);
  if (unreadable) {
    return 2;
  }
  // Each file against its threshold: the command line's, else its configuration's, else info.
  const failing = linted.some(({ findings, configuration }) => {
    const threshold = options.failureThreshold ?? configuration.failureThreshold ?? 'info';
    return findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[threshold]);
  });
  return failing ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`dockside-lint: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
