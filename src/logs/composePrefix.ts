/** Coloured `service |` prefixes for the merged logs of a Compose project. Pure. */

const palette = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

export interface ServicePrefixer {
  prefix(service: string): string;
}

/** Each service gets the next colour of a fixed palette and a name padded to the longest service. */
export function createServicePrefixer(services: string[]): ServicePrefixer {
  const colours = new Map<string, number>();
  let width = Math.max(0, ...services.map((service) => service.length));
  const colourOf = (service: string) => {
    let colour = colours.get(service);
    if (colour === undefined) {
      colour = palette[colours.size % palette.length];
      colours.set(service, colour);
      width = Math.max(width, service.length);
    }
    return colour;
  };
  services.forEach(colourOf);
  return {
    prefix: (service) => `\x1b[${colourOf(service)}m${service.padEnd(width)} |\x1b[0m `,
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
