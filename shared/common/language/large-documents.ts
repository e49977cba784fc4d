// Large documents: above LARGE_DOCUMENT_CHARS the tree, the forms and the parse-based editor
// features (hover, folding, formatting, completion) pause; validation still runs.

/** About 5 MB of text. */
export const LARGE_DOCUMENT_CHARS = 5 * 1024 * 1024;

export function isLargeDocument(length: number): boolean {
  return length > LARGE_DOCUMENT_CHARS;
}

/** A size in MB with one decimal, for messages. */
export function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(1);
}
