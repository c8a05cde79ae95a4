/**
 * One HTTP(S) request to a registry with Node's own client: certificates are verified (the system's roots,
 * plus a CA given for the registry), redirects followed (blobs live behind them), the body read whole.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** PEM of a CA that signs the registry's certificate, trusted besides the system's roots. */
  ca?: string;
  /** Largest body read (manifests and configs are small; a catalog page of 1000 names too). */
  maxBytes?: number;
  timeoutMs?: number;
}

export class RegistryHttpError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const agents = new Map<string, https.Agent>();
const plainAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function httpsAgent(ca: string | undefined): https.Agent {
  const key = ca ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: ca ? [...tls.rootCertificates, ca] : undefined, rejectUnauthorized: true });
    agents.set(key, agent);
  }
  return agent;
}

const certificateCodes = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT|HOSTNAME_MISMATCH)/;

export function httpRequest(url: string, options: HttpOptions = {}, redirects = 5): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: secure ? httpsAgent(options.ca) : plainAgent,
        signal: options.signal,
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location && redirects > 0) {
          response.resume();
          const next = new URL(location, target).toString();
          // Credentials are for the registry, never for where it redirects blobs to.
          const sameOrigin = new URL(next).origin === target.origin;
          const headers = { ...options.headers };
          if (!sameOrigin) delete headers.Authorization;
          httpRequest(next, { ...options, method: options.method === 'HEAD' ? 'HEAD' : 'GET', headers, body: undefined }, redirects - 1).then(resolve, reject);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const limit = options.maxBytes ?? 16 * 1024 * 1024;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            request.destroy(new RegistryHttpError(`The registry's answer from ${target.host} is larger than ${limit} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks), url: target.toString() }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new RegistryHttpError(`${target.host} did not answer in time.`, 'ETIMEDOUT')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return reject(error);
      const code = error.code;
      if (code && certificateCodes.test(code)) {
        return reject(
          new RegistryHttpError(
            `The certificate of ${target.host} is not trusted (${error.message}); give the registry's CA certificate in its entry of the "dockside.registries" setting.`,
            code,
          ),
        );
      }
      if (code === 'ECONNREFUSED') return reject(new RegistryHttpError(`${target.host} refused the connection (is the registry running there?).`, code));
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return reject(new RegistryHttpError(`${target.hostname} could not be resolved.`, code));
      if (code === 'EPROTO' || /wrong version number/i.test(error.message)) {
        return reject(new RegistryHttpError(`${target.host} does not speak ${secure ? 'HTTPS' : 'HTTP'} (${error.message}); check the scheme of its address.`, code));
      }
      reject(error instanceof RegistryHttpError ? error : new RegistryHttpError(`${target.host}: ${error.message}`, code));
    });
    request.end(options.body);
  });
}
