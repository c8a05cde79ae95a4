/**
 * What a platform template is: how it recognises a project, what it found there, and the files it writes.
 * Pure: each template is data plus small functions of the facts found; `platforms/` holds one file per platform.
 */
import type { ProjectFiles } from './projectFiles';

/** What a template found in the project, and what it still has to ask. */
export interface Facts {
  /** Shown in the pick ("Node.js (pnpm, Express)"). */
  description: string;
  /** The port the service listens on, when found (a framework's default counts). */
  port?: number;
  /** The entry point (a file, module or binary as the platform names it), when found. */
  entry?: string;
  /** The question to ask for a missing entry point; a platform that needs none leaves it out. */
  entryQuestion?: EntryQuestion;
  /** Platform-specific facts the template reads back when it writes the files. */
  details: Record<string, string | boolean | undefined>;
}

export interface EntryQuestion {
  prompt: string;
  placeholder: string;
  /** A clear message for an answer that cannot work, undefined when it can. */
  validate(value: string): string | undefined;
}

/** The answers the files are written from: the facts with every question answered. */
export interface Answers {
  facts: Facts;
  /** The service's name in compose.yaml and the image's (the folder's name, made a valid one). */
  name: string;
  port?: number;
  entry?: string;
}

export interface PlatformTemplate {
  id: string;
  label: string;
  /** The facts of a project of this platform, or undefined when the folder is not one. */
  detect(files: ProjectFiles): Facts | undefined;
  dockerfile(answers: Answers): string;
  /** The `.dockerignore` lines after the common ones. */
  ignore: string[];
}

/** Joins template lines into a file's text, dropping the ones a condition left out (`false`/`undefined`). */
export function lines(...items: Array<string | false | undefined>): string {
  return `${items.filter((item): item is string => typeof item === 'string').join('\n')}\n`;
}

/** A JSON array for exec form (CMD, HEALTHCHECK, ENTRYPOINT). */
export function execForm(words: readonly string[]): string {
  return JSON.stringify(words).replace(/","/g, '", "');
}

/** `HEALTHCHECK` probing the port with a command present in the image, when the port is known. */
export function healthcheck(port: number | undefined, command: (url: string) => string[]): string | undefined {
  return port === undefined ? undefined : `HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\\n  CMD ${execForm(command(`http://127.0.0.1:${port}/`))}`;
}

/** BusyBox `wget` of Alpine-based images: exits non-zero when the server does not answer 2xx. */
export const busyboxWget = (url: string) => ['wget', '-q', '--spider', url];

export function expose(port: number | undefined): string | undefined {
  return port === undefined ? undefined : `EXPOSE ${port}`;
}

/** A port number found in text by the first of `patterns` that matches (group 1), when it is a valid port. */
export function findPort(text: string | undefined, patterns: readonly RegExp[]): number | undefined {
  for (const pattern of patterns) {
    const match = text === undefined ? null : pattern.exec(text);
    const port = match ? Number(match[1]) : NaN;
    if (Number.isInteger(port) && port > 0 && port < 65536) {
      return port;
    }
  }
  return undefined;
}
