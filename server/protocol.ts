/**
 * The custom protocol between the Dockside extension host and the Dockerfile language server.
 * Both sides import these names; this module imports nothing but the LSP protocol package.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** A local image as the engine reports it, reduced to what the language features use. */
export interface LocalImage {
  /** Repository without tag, e.g. `docker.io/library/alpine` is reported as `alpine`. */
  repository: string;
  tag: string;
  /** Image id (`sha256:…`). */
  id: string;
  /** Size in bytes. */
  size: number;
  /** Creation time, seconds since the epoch. */
  created: number;
  /** Number of layers, when known. */
  layers?: number;
  /**
   * The image's repository digests (`alpine@sha256:…`): set by a pull or a push. An empty list means the image
   * was built or loaded here and never was in a registry; absent means not known.
   */
  repoDigests?: string[];
}

/**
 * The extension's command a hover links to for a local image, with one argument `{ kind: 'image', id, name }`;
 * the client trusts hover Markdown for this command only.
 */
export const INSPECT_IMAGE_COMMAND = 'dockside.images.inspect';

export interface LocalImagesParams {
  images: LocalImage[];
}

/** Sent by the extension host whenever its view of the engine's images changes (the server stays engine-free). */
export const LocalImagesNotification = new NotificationType<LocalImagesParams>('dockside/localImages');

/** A container of a Compose project as the engine reports it, reduced to what the Compose features show. */
export interface ComposeContainer {
  project: string;
  service: string;
  /** The container's name (`shop-web-1`). */
  name: string;
  image: string;
  /** `running`, `exited`… */
  state: string;
  /** The engine's status text (`Up 5 minutes`). */
  status: string;
  /** Ports as `8080→80/tcp` (published) or `80/tcp`. */
  ports: string[];
  /** The project's working folder and files (absolute), from the labels Compose puts on its containers. */
  workingDir?: string;
  configFiles: string[];
}

export interface ComposeContainersParams {
  containers: ComposeContainer[];
}

/** Sent by the extension host whenever the engine's Compose containers change (hover shows their state). */
export const ComposeContainersNotification = new NotificationType<ComposeContainersParams>('dockside/composeContainers');
