/**
 * Text from outside (a Dockerfile, an engine's names and labels) shown on a terminal: control characters made
 * visible as escapes (`ESC` → `\x1b`), so a value cannot move the cursor, clear the screen, set the window title
 * or reorder what follows. Pure.
 */

/**
 * C0 controls but tab, DEL, C1 controls (an 8-bit CSI is U+009B), and the bidirectional marks, embeddings,
 * overrides and isolates that reorder text on display.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
}

/** `"a\x1b[2Jb"` → `"a\\x1b[2Jb"`: every control character as a visible escape; tabs and other text as they are. */
export function showControlCharacters(text: string): string {
  return text.replace(CONTROL, escape);
}

