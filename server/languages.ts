/**
 * The languages one server process serves, each by its own server class over the shared connection
 * (see languageRouter.ts): documents opened as `dockercompose` go to the Compose server, every other document
 * to the Dockerfile server (as before there was a second language).
 */
import type { Connection } from 'vscode-languageserver/node';
import { LanguageRouter } from './languageRouter';

export const COMPOSE_LANGUAGE_ID = 'dockercompose';

export interface LanguageServer {
  listen(): void;
}

export interface LanguageServers {
  dockerfile: (connection: Connection) => LanguageServer;
  compose: (connection: Connection) => LanguageServer;
}

export function serveLanguages(connection: Connection, servers: LanguageServers): LanguageRouter {
  const router = new LanguageRouter(connection, (languageId) => (languageId === COMPOSE_LANGUAGE_ID ? 'compose' : 'dockerfile'));
  // The Dockerfile server registers first: its answers come first where both answer (initialize's serverInfo).
  servers.dockerfile(router.connectionFor('dockerfile')).listen();
  servers.compose(router.connectionFor('compose')).listen();
  router.listen();
  return router;
}
