/** The function VS Code gives a webview page to talk to its extension (callable once). */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
