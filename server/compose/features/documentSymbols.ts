/** The outline of a Compose file: its top-level keys, and the services, networks, volumes… under them. */
import { isMap, isPair, isScalar, type Pair } from 'yaml';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { ComposeAnalysis } from '../analysis';
import { isMergeKey } from '../parse/composeDocument';

const SECTION_KINDS: Record<string, SymbolKind> = {
  services: SymbolKind.Class,
  networks: SymbolKind.Interface,
  volumes: SymbolKind.Struct,
  secrets: SymbolKind.Key,
  configs: SymbolKind.File,
  models: SymbolKind.Module,
  include: SymbolKind.Package,
};

export function documentSymbols(analysis: ComposeAnalysis): DocumentSymbol[] {
  const root = analysis.document.yaml.contents;
  if (!isMap(root)) {
    return [];
  }
  const symbol = (pair: Pair, kind: SymbolKind, children?: DocumentSymbol[]): DocumentSymbol | undefined => {
    const key = pair.key;
    if (!isScalar(key) || !key.range || isMergeKey(key)) {
      return undefined;
    }
    const end = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? key.range[1];
    return {
      name: String(key.value),
      kind,
      range: analysis.document.range(key.range[0], Math.max(end, key.range[1])),
      selectionRange: analysis.document.range(key.range[0], key.range[1]),
      children,
    };
  };
  const symbols: DocumentSymbol[] = [];
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) {
      continue;
    }
    const section = String(pair.key.value);
    const kind = SECTION_KINDS[section];
    const children =
      kind !== undefined && isMap(pair.value)
        ? pair.value.items.filter(isPair).flatMap((child) => symbol(child, kind === SymbolKind.Class ? SymbolKind.Object : SymbolKind.Field) ?? [])
        : undefined;
    const top = symbol(pair, kind ?? SymbolKind.Property, children);
    if (top) {
      symbols.push(top);
    }
  }
  return symbols;
}
