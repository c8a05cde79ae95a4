/**
 * TLS material a test makes with openssl: a CA, a server certificate for 127.0.0.1 and a client certificate,
 * as the Docker docs' "Protect the Docker daemon socket" recipe (EC keys, so it takes milliseconds).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TlsFolders {
  /** ca.pem, server-cert.pem, server-key.pem for dockerd. */
  server: { ca: string; cert: string; key: string };
  /** A folder with ca.pem, cert.pem, key.pem: what a client (and a context) uses. */
  clientFolder: string;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Writes the CA, server and client material under `folder` (created) and returns where each is. */
export function makeTlsMaterial(folder: string): TlsFolders {
  fs.mkdirSync(folder, { recursive: true });
  const key = (name: string): void => openssl(folder, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', name);
  key('ca-key.pem');
  openssl(folder, 'req', '-x509', '-new', '-key', 'ca-key.pem', '-sha256', '-days', '2', '-subj', '/CN=dockside test CA', '-out', 'ca.pem');
  const sign = (name: string, subject: string, extensions: string): void => {
    key(`${name}-key.pem`);
    openssl(folder, 'req', '-new', '-key', `${name}-key.pem`, '-subj', subject, '-out', `${name}.csr`);
    fs.writeFileSync(path.join(folder, `${name}.ext`), extensions);
    openssl(folder, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}-cert.pem`);
  };
  sign('server', '/CN=127.0.0.1', 'subjectAltName = IP:127.0.0.1,DNS:localhost\nextendedKeyUsage = serverAuth\n');
  sign('client', '/CN=client', 'extendedKeyUsage = clientAuth\n');
  const clientFolder = path.join(folder, 'client');
  fs.mkdirSync(clientFolder, { recursive: true });
  fs.copyFileSync(path.join(folder, 'ca.pem'), path.join(clientFolder, 'ca.pem'));
  fs.copyFileSync(path.join(folder, 'client-cert.pem'), path.join(clientFolder, 'cert.pem'));
  fs.copyFileSync(path.join(folder, 'client-key.pem'), path.join(clientFolder, 'key.pem'));
  return {
    server: { ca: path.join(folder, 'ca.pem'), cert: path.join(folder, 'server-cert.pem'), key: path.join(folder, 'server-key.pem') },
    clientFolder,
  };
}
