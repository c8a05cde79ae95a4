/** The small part of mvdan-sh (the Go `mvdan.cc/sh/v3/syntax` parser compiled to JavaScript) that the linter uses. */
declare module 'mvdan-sh' {
  export interface Pos {
    Offset(): number;
    Line(): number;
    Col(): number;
  }
  export interface Node {
    Pos(): Pos;
    End(): Pos;
  }
  export interface WordPart extends Node {
    Value?: string;
    Parts?: WordPart[];
    Stmts?: Stmt[];
  }
  export interface Word extends Node {
    Parts: WordPart[];
    Lit(): string;
  }
  export interface Redirect extends Node {
    Op: number;
    N: Node | null;
    Word: Word | null;
    Hdoc: Word | null;
  }
  export interface Stmt extends Node {
    Cmd: Node | null;
    Redirs: Redirect[];
    Negated: boolean;
    Background: boolean;
  }
  export interface CallExpr extends Node {
    Assigns: Node[];
    Args: Word[];
  }
  export interface BinaryCmd extends Node {
    Op: number;
    X: Stmt;
    Y: Stmt;
  }
  export interface File extends Node {
    Stmts: Stmt[];
  }
  export interface Parser {
    Parse(source: string, name: string): File;
  }
  export type ParserOption = { readonly __parserOption: unique symbol };
  export interface Syntax {
    NewParser(...options: ParserOption[]): Parser;
    KeepComments(keep: boolean): ParserOption;
    Variant(language: number): ParserOption;
    LangBash: number;
    LangPOSIX: number;
    NodeType(node: Node): string;
    Walk(node: Node, visit: (node: Node | null) => boolean): void;
  }
  export const syntax: Syntax;
}
