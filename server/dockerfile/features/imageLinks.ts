/**
 * Document links of FROM images, without the Docker Hub pages that cannot exist: the library links any image
 * whose registry it does not know to Hub (`localhost:5000/app` → hub.docker.com/_/app), and images built here
 * (`dockside-test/busybox`, never pulled or pushed) have no page there either. Pure.
 */
import { From } from 'dockerfile-ast';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';
import type { LocalImage } from '../../protocol';
import { documentLinks } from './libraryFeatures';
import { findLocalImage, isDockerHub, isLocalOnly } from './localImages';

/** The library marks a Hub link by `data` (`_/alpine/`, `r/team/app/`), resolved to its page later. */
function isHubLink(link: DocumentLink): boolean {
  return typeof link.data === 'string' && link.target === undefined;
}

function mayBeOnHub(from: From, images: readonly LocalImage[]): boolean {
  const name = from.getImageName();
  if (!isDockerHub(from.getRegistry()) || name === null) {
    return false;
  }
  const local = findLocalImage(images, name, from.getImageTag());
  return !local || !isLocalOnly(local);
}

export function imageLinks(parsed: ParsedDocument, images: readonly LocalImage[]): DocumentLink[] {
  return documentLinks(parsed).filter((link) => {
    if (!isHubLink(link)) {
      return true;
    }
    const from = parsed.instructionAt(link.range.start);
    return from instanceof From && mayBeOnHub(from, images);
  });
}
