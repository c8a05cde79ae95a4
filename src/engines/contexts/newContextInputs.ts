import * as fs from 'node:fs';
import * as path from 'node:path';

/** The kinds of engine a new context can point at. */
export type ContextKind = 'unix' | 'tcpTls' | 'ssh';

export const contextKinds: ReadonlyArray<{ kind: ContextKind; label: string; placeholder: string }> = [
  { kind: 'unix', label: 'Local socket (unix://)', placeholder: 'unix:///var/run/docker.sock' },
  { kind: 'tcpTls', label: 'Remote engine over TCP with TLS (tcp://)', placeholder: 'tcp://build-box:2376' },
  { kind: 'ssh', label: 'Remote engine over ssh (ssh://)', placeholder: 'ssh://user@build-box' },
];

/** Why a host does not fit the chosen kind, undefined when it does (pure). */
export function hostProblem(kind: ContextKind, host: string): string | undefined {
  const text = host.trim();
  const scheme = { unix: 'unix://', tcpTls: 'tcp://', ssh: 'ssh://' }[kind];
  if (!text.startsWith(scheme)) {
    return `Start with ${scheme}.`;
  }
  if (kind === 'unix') {
    return text.length > scheme.length + 1 && text[scheme.length] === '/' ? undefined : 'Give the socket\'s absolute path: unix:///path/to/docker.sock.';
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not an address.`;
  }
  if (!url.hostname) {
    return 'Give a host name or address.';
  }
  if (kind === 'tcpTls' && !url.port) {
    return 'Give the port (the TLS port is usually 2376): tcp://host:2376.';
  }
  return undefined;
}

/** Why a folder cannot serve as the TLS material of a context, undefined when it can. */
export function tlsFolderProblem(folder: string): string | undefined {
  const text = folder.trim();
  if (!text) {
    return 'Give the folder holding ca.pem, cert.pem and key.pem.';
  }
  if (!path.isAbsolute(text)) {
    return 'Give an absolute path.';
  }
  if (!fs.existsSync(text) || !fs.statSync(text).isDirectory()) {
    return `${text} is not a folder.`;
  }
  const missing = ['ca.pem', 'cert.pem', 'key.pem'].filter((file) => !fs.existsSync(path.join(text, file)));
  return missing.length === 3 ? `${text} holds none of ca.pem, cert.pem, key.pem.` : undefined;
}
