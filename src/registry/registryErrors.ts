const refusal = /unauthorized|no basic auth credentials|authentication required|denied|incorrect username or password|invalid username\/password|401 Unauthorized/i;

/** Whether the engine's text says the registry refused the credentials (or their absence). */
export function isRefusedLogin(raw: string): boolean {
  return refusal.test(raw) && !/connection refused/i.test(raw);
}

/**
 * Turns registry failures reported by the engine into a sentence the user can act on. Pure.
 * `registry` names the registry of the reference (e.g. `Docker Hub`, `127.0.0.1:5000`) for a refused login.
 */
export function describeRegistryError(operation: 'pull' | 'push', reference: string, raw: string, registry?: string): string {
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
  if (isRefusedLogin(text)) {
    const name = registry ?? host ?? 'the registry';
    return `Could not ${operation} ${reference}: ${name} refused the login (${text.split('\n')[0].slice(0, 120)}); log in to it and try again.`;
  }
  if (/not found|manifest unknown|does not exist/i.test(text)) {
    return `Could not ${operation} ${reference}: it does not exist in the registry.`;
  }
  return `Could not ${operation} ${reference}: ${text}`;
}
