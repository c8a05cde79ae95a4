/**
 * One LSP connection, several language servers. Each language's server wires its handlers on a connection of its
 * own (`connectionFor`), exactly as if it were alone; the router installs one handler per method on the real
 * connection and picks, per call:
 * - a document's language (from the languageId it was opened with) for everything that names a document;
 * - every language for `initialize` (capabilities merged), notifications and requests that name no document
 *   (the first answer wins).
 */
import type { Connection, Disposable, InitializeResult } from 'vscode-languageserver/node';

// Handlers are forwarded as they are: their parameter types belong to each method.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => unknown;

/** The objects of a connection whose `on…` methods take handlers (`connection.languages.semanticTokens.on`…). */
const NESTED = new Set(['languages', 'workspace', 'window', 'client', 'tracer', 'telemetry', 'notebooks', 'semanticTokens', 'inlayHint', 'inlineValue', 'callHierarchy', 'typeHierarchy', 'moniker', 'diagnostics', 'foldingRange', 'inlineCompletion']);

interface Route {
  /** Handlers by language, in registration order. */
  handlers: Map<string, Handler>;
}

export class LanguageRouter {
  /** The language each open document was given, by URI. */
  private readonly languageOf = new Map<string, string>();
  private readonly routes = new Map<string, Route>();
  private readonly languages: string[] = [];

  /**
   * @param languageFor which of the registered languages serves a document opened with this languageId.
   */
  constructor(
    private readonly connection: Connection,
    private readonly languageFor: (languageId: string) => string,
  ) {}

  /** A connection for one language's server: its handlers see only that language's documents. */
  connectionFor(language: string): Connection {
    if (!this.languages.includes(language)) {
      this.languages.push(language);
    }
    return this.wrap(this.connection, '', language) as Connection;
  }

  /** The language serving a document (undefined when it is not open). */
  languageOfDocument(uri: string): string | undefined {
    return this.languageOf.get(uri);
  }

  /** Starts reading messages, once every language's server has wired its handlers. */
  listen(): void {
    this.connection.listen();
  }

  private wrap(target: object, path: string, language: string): object {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property !== 'string') {
          return value;
        }
        if (path === '' && property === 'listen') {
          return () => undefined;
        }
        if (typeof value === 'function' && property.startsWith('on')) {
          return (...args: unknown[]) => this.register(`${path}${property}`, language, object, value as Handler, args);
        }
        if (typeof value === 'function') {
          return (value as Handler).bind(object);
        }
        if (value && typeof value === 'object' && NESTED.has(property)) {
          return this.wrap(value, `${path}${property}.`, language);
        }
        return value;
      },
    });
  }

  /** Records a language's handler; the first registration of a method installs the router's own on the connection. */
  private register(method: string, language: string, owner: object, install: Handler, args: unknown[]): Disposable {
    const handler = args[args.length - 1] as Handler;
    const leading = args.slice(0, -1);
    // onRequest/onNotification name their method in the first argument.
    const first = leading[0] as string | { method: string } | undefined;
    const key = first === undefined ? method : `${method}:${typeof first === 'string' ? first : first.method}`;
    let route = this.routes.get(key);
    if (!route) {
      const created: Route = { handlers: new Map() };
      route = created;
      this.routes.set(key, created);
      install.call(owner, ...leading, (...callArgs: unknown[]) => this.dispatch(method, created, callArgs));
    }
    route.handlers.set(language, handler);
    const owned = route;
    return { dispose: () => owned.handlers.delete(language) };
  }

  private dispatch(method: string, route: Route, args: unknown[]): unknown {
    const params = args[0] as { textDocument?: { uri?: string; languageId?: string } } | undefined;
    const uri = params?.textDocument?.uri;
    if (typeof uri === 'string') {
      if (method === 'onDidOpenTextDocument') {
        this.languageOf.set(uri, this.languageFor(params?.textDocument?.languageId ?? ''));
      }
      const language = this.languageOf.get(uri) ?? this.languageFor('');
      const handler = route.handlers.get(language);
      try {
        return handler ? handler(...args) : null;
      } finally {
        if (method === 'onDidCloseTextDocument') {
          this.languageOf.delete(uri);
        }
      }
    }
    if (method === 'onInitialize') {
      return this.initialize(route, args);
    }
    let answer: unknown;
    for (const handler of route.handlers.values()) {
      const result = handler(...args);
      if (answer === undefined) {
        answer = result;
      }
    }
    return answer;
  }

  private async initialize(route: Route, args: unknown[]): Promise<InitializeResult> {
    const results = await Promise.all([...route.handlers.values()].map((handler) => handler(...args) as InitializeResult | Promise<InitializeResult>));
    const merged: InitializeResult = { capabilities: {} };
    for (const result of results) {
      if (result && typeof result === 'object' && !(result instanceof Error)) {
        merged.capabilities = mergeCapabilities(merged.capabilities, result.capabilities) as InitializeResult['capabilities'];
        merged.serverInfo ??= result.serverInfo;
      }
    }
    return merged;
  }
}

/** Two servers' capabilities as one: lists joined, `true` wins over options, options merged key by key. */
export function mergeCapabilities(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null || a === false) {
    return b;
  }
  if (b === undefined || b === null || b === false) {
    return a;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return [...new Set([...a, ...b])];
  }
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const result: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [key, value] of Object.entries(b as Record<string, unknown>)) {
      result[key] = mergeCapabilities(result[key], value);
    }
    return result;
  }
  if (typeof a === 'object' && b === true) {
    return a;
  }
  return a;
}
