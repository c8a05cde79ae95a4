/**
 * The environment the Compose CLI runs in: the extension's own, with the engine Dockside is connected to, so
 * Compose acts on the engine the explorer shows (a `dockside.host` setting or a context included).
 */
import type { Endpoint } from '../engine/endpoint';

export function composeEnvironment(base: Readonly<NodeJS.ProcessEnv>, endpoint: Endpoint | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (!endpoint) {
    return env;
  }
  env.DOCKER_HOST = endpoint.host;
  // DOCKER_HOST wins over a context in the CLI; a context named here would only confuse it.
  delete env.DOCKER_CONTEXT;
  if (endpoint.tls) {
    if (endpoint.tls.certDir) {
      env.DOCKER_CERT_PATH = endpoint.tls.certDir;
    }
    if (endpoint.tls.verify) {
      env.DOCKER_TLS_VERIFY = '1';
    } else {
      delete env.DOCKER_TLS_VERIFY;
      env.DOCKER_TLS = '1';
    }
  }
  return env;
}
