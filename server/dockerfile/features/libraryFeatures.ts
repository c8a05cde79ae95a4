/**
 * Features taken as they are from dockerfile-language-service. Each of its classes parses the text it is
 * given; the parser module answers that parse from the cache of the current version, so none re-parses.
 */
import { DockerFolding } from 'dockerfile-language-service/lib/dockerFolding';
import { DockerLinks } from 'dockerfile-language-service/lib/dockerLinks';
import { DockerSignatures } from 'dockerfile-language-service/lib/dockerSignatures';
import { DocumentLink, FoldingRange, Position, SignatureHelp } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from '../parse/parsedDocument';
import { requestWindow } from './requestWindow';

export function foldingRanges(parsed: ParsedDocument, lineFoldingOnly: boolean, limit: number): FoldingRange[] {
  return new DockerFolding().computeFoldingRanges(parsed.text, lineFoldingOnly, limit) as FoldingRange[];
}

export function signatureHelp(parsed: ParsedDocument, position: Position): SignatureHelp | null {
  // DockerSignatures scans the whole document: give it the window around the cursor (signatures hold no ranges).
  const window = requestWindow(parsed, position);
  const help = new DockerSignatures().computeSignatures(window.document.getText(), window.position) as SignatureHelp;
  return help.signatures.length > 0 ? help : null;
}

const links = new DockerLinks();

/** Links from image names to their registry pages (Docker Hub, ghcr.io, quay.io, mcr…), resolved lazily. */
export function documentLinks(parsed: ParsedDocument): DocumentLink[] {
  // An image named through a build argument (`FROM ${BASE}`) has no page to link to.
  return (links.getLinks(parsed.text) as DocumentLink[]).filter((link) => !parsed.document.getText(link.range).includes('$'));
}

export function resolveDocumentLink(link: DocumentLink): DocumentLink {
  return links.resolveLink(link as Parameters<DockerLinks['resolveLink']>[0]) as DocumentLink;
}
