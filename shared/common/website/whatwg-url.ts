// The WHATWG URL parser, which ES2022 does not declare but every place shared/common runs has
// (Node 20, Chromium windows and workers). Looked up on globalThis, as schema/environment.ts does,
// so no ambient type clashes with the DOM lib elsewhere.

export interface SearchParams {
  keys(): IterableIterator<string>;
  getAll(name: string): string[];
  delete(name: string): void;
}

export interface ParsedUrl {
  href: string;
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  pathname: string;
  search: string;
  hash: string;
  searchParams: SearchParams;
}

const platform = globalThis as unknown as { URL: new (text: string) => ParsedUrl };

/** Parses an absolute URL; throws a TypeError when it is not one. */
export function parseUrl(text: string): ParsedUrl {
  return new platform.URL(text);
}
