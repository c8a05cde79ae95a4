import {
  Connection,
  Diagnostic,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validate } from 'dockerfile-utils';
import { LocalImage, LocalImagesNotification } from './protocol';

/** Wires LSP requests to the Dockerfile features. Holds no feature logic of its own. */
export class DockerfileServer {
  private readonly documents = new TextDocuments(TextDocument);
  private localImages: LocalImage[] = [];

  constructor(private readonly connection: Connection) {}

  listen(): void {
    this.connection.onInitialize(() => this.initialize());
    this.connection.onNotification(LocalImagesNotification, (params) => {
      this.localImages = params.images;
    });
    this.documents.onDidChangeContent((event) => this.publishDiagnostics(event.document));
    this.documents.onDidClose((event) => {
      void this.connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    });
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  /** Images last reported by the extension host. */
  get knownImages(): readonly LocalImage[] {
    return this.localImages;
  }

  private initialize(): InitializeResult {
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
      },
      serverInfo: { name: 'dockside-dockerfile' },
    };
  }

  private publishDiagnostics(document: TextDocument): void {
    // dockerfile-utils builds on a newer vscode-languageserver-types whose Diagnostic allows markup
    // messages; its validator only ever produces plain strings.
    const diagnostics = validate(document.getText()) as Diagnostic[];
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }
}
