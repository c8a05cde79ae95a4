/** The sentence of a failed file operation (FileSystemError messages carry the provider's words). */
export function describeFileFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The editor's FileSystemError appends its code in parentheses: "… (FileNotFound)".
  return message.replace(/ \((FileNotFound|FileExists|FileNotADirectory|FileIsADirectory|NoPermissions|Unavailable|Unknown)\)$/, '');
}
