/** Turns registry failures reported by the engine into a sentence the user can act on. Pure. */
export function describeRegistryError(operation: 'pull' | 'push', reference: string, raw: string): string {
  const text = raw.trim();
  const host = /(?:Get|Head|Post|Put|Patch) "?https?:\/\/([^/"]+)/.exec(text)?.[1];
  const where = host ? ` at ${host}` : '';
  if (/connection refused/i.test(text)) {
    return `Could not ${operation} ${reference}: the registry${where} refused the connection (is it running, and is the address right?).`;
  }
  if (/no such host|server misbehaving|Temporary failure in name resolution/i.test(text)) {
    return `Could not ${operation} ${reference}: the registry host${where} could not be resolved.`;
  }
  if (/network is unreachable|no route to host|i\/o timeout|timeout/i.test(text)) {
    return `Could not ${operation} ${reference}: the registry${where} cannot be reached from the Docker Engine (no network route).`;
  }
  if (/unauthorized|authentication required|denied/i.test(text)) {
    return `Could not ${operation} ${reference}: the registry refused access; log in to it with \`docker login\`.`;
  }
  if (/not found|manifest unknown|does not exist/i.test(text)) {
    return `Could not ${operation} ${reference}: it does not exist in the registry.`;
  }
  return `Could not ${operation} ${reference}: ${text}`;
}
