/**
 * `dockside-lint`: lints Dockerfiles from the command line with the same engine as the language server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { version } from '../package.json';
import { lintDockerfile, SEVERITY_RANK, settingsFromHadolintConfig, type Finding, type FindingSeverity, type LintSettings, type RuleSetting } from './lint';
import { formatJson, formatSarif, formatText, type FileFindings } from './lint/report/formats';
import { shellcheckDockerfile } from './lint/shellcheck';

const USAGE = `Usage: dockside-lint [--format text|json|sarif] [--config FILE]
                     [--failure-threshold error|warning|info|style] [--no-shellcheck] FILES... | -

Lints Dockerfiles with the same rules as the Dockside language server.
Without --config, .hadolint.yaml or .hadolint.yml in the current folder is read when present.
The build context is taken to be each Dockerfile's folder: its .dockerignore (or <Dockerfile>.dockerignore)
is read for COPY checks. ShellCheck runs on RUN scripts when installed, unless --no-shellcheck.
Exit status: 0 when no finding reaches the threshold, 1 when one does, 2 on a usage error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info', 'style'];

interface Options {
  format: (typeof FORMATS)[number];
  config?: string;
  failureThreshold?: FindingSeverity;
  shellcheck: boolean;
  files: string[];
}

class UsageError extends Error {}

function parseArguments(argv: string[]): Options {
  const options: Options = { format: 'text', shellcheck: true, files: [] };
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

function readConfiguration(explicit: string | undefined): Configuration {
  const candidates = explicit ? [explicit] : ['.hadolint.yaml', '.hadolint.yml'].filter((name) => fs.existsSync(name));
  if (candidates.length === 0) {
    return { settings: {}, shellcheckRules: {} };
  }
  let text: string;
  try {
    text = fs.readFileSync(candidates[0], 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read configuration ${candidates[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const result = settingsFromHadolintConfig(text);
  for (const problem of result.problems) {
    process.stderr.write(`dockside-lint: ${candidates[0]}: ${problem}\n`);
  }
  return { settings: result.settings, shellcheckRules: result.shellcheckRules, failureThreshold: result.failureThreshold };
}

function readDockerignore(file: string): string[] | undefined {
  const folder = file === '-' ? '.' : path.dirname(file);
  for (const candidate of file === '-' ? [] : [`${file}.dockerignore`]) {
    if (fs.existsSync(candidate)) {
      return fs.readFileSync(candidate, 'utf8').split(/\r?\n/);
    }
  }
  const ignoreFile = path.join(folder, '.dockerignore');
  return fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8').split(/\r?\n/) : undefined;
}

async function lintFile(file: string, configuration: Configuration, shellcheck: boolean): Promise<Finding[]> {
  const text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  const input = { text, dockerfile: DockerfileParser.parse(text), settings: configuration.settings, dockerignore: readDockerignore(file) };
  const findings = lintDockerfile(input);
  if (shellcheck) {
    const fromShellcheck = await shellcheckDockerfile(input, {
      rules: configuration.shellcheckRules,
      onUnavailable: (message) => process.stderr.write(`dockside-lint: ${message}\n`),
    });
    findings.push(...fromShellcheck);
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
  return findings;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: Options;
  let configuration: Configuration;
  try {
    options = parseArguments(argv);
    configuration = readConfiguration(options.config);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`dockside-lint: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const threshold = options.failureThreshold ?? configuration.failureThreshold ?? 'info';
  const results: FileFindings[] = [];
  let unreadable = false;
  for (const file of options.files) {
    try {
      results.push({ path: file, findings: await lintFile(file, configuration, options.shellcheck) });
    } catch (error) {
      process.stderr.write(`dockside-lint: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
    }
  }
  const output = options.format === 'json' ? formatJson(results) : options.format === 'sarif' ? formatSarif(results, version) : formatText(results);
  process.stdout.write(output);
  if (unreadable) {
    return 2;
  }
  const failing = results.some(({ findings }) => findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[threshold]));
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
