/**
 * Entry point of the Dockerfile language server. Run standalone with `node dist/server.js --stdio`
 * (the transport is chosen from the command line: --stdio, --node-ipc or --socket=N).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DockerfileServer } from './dockerfileServer';

const connection = createConnection(ProposedFeatures.all);
new DockerfileServer(connection).listen();
