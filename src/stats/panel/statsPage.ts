import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The stats page's HTML: a static shell loading the bundled script and style sheet, under a Content-Security-
 * Policy that allows nothing else (no inline script, no inline style sheet, no network).
 */
export function statsPageHtml(webview: vscode.Webview, distUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'statsView.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'statsView.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  const escaped = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escaped}</title>
</head>
<body>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
