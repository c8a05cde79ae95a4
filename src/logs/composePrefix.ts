/** Coloured `service |` prefixes for the merged logs of a Compose project. Pure. */
import { showControlCharacters } from '../../server/dockerfile/text/controlCharacters';

const palette = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

export interface ServicePrefixer {
  prefix(service: string): string;
}

/**
 * Each service gets the next colour of a fixed palette and a name padded to the longest service. A name comes
 * from the engine (a label, a container name): its control characters are shown as escapes (`\x1b`), so it
 * cannot drive the terminal; the only escape sequences in a prefix are its own colours.
 */
export function createServicePrefixer(services: string[]): ServicePrefixer {
  const colours = new Map<string, number>();
  let width = Math.max(0, ...services.map((service) => showControlCharacters(service).length));
  const colourOf = (service: string) => {
    let colour = colours.get(service);
    if (colour === undefined) {
      colour = palette[colours.size % palette.length];
      colours.set(service, colour);
      width = Math.max(width, showControlCharacters(service).length);
    }
    return colour;
  };
  services.forEach(colourOf);
  return {
    prefix: (service) => `\x1b[${colourOf(service)}m${showControlCharacters(service).padEnd(width)} |\x1b[0m `,
  };
}

/** The service a container belongs to, from its Compose labels (falling back to its name). */
export function composeServiceOf(labels: Record<string, string> | undefined, names: string[] | undefined): string {
  const service = labels?.['com.docker.compose.service'];
  const replica = labels?.['com.docker.compose.container-number'];
  if (service) {
    return replica && replica !== '1' ? `${service}-${replica}` : service;
  }
  return (names?.[0] ?? 'container').replace(/^\//, '');
}
