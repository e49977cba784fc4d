/** How a text's lines end; `mixed` when it has both CRLF and lone LF, `none` when it has no line break. */
export type LineEnding = 'lf' | 'crlf' | 'mixed' | 'none';

/** Counts CRLF and lone LF endings; a file with both is `mixed`. Lone CR (old Mac) counts as neither. */
export function detectLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf > 0 && lf > 0) return 'mixed';
  return crlf > 0 ? 'crlf' : 'lf';
}

/** The ending an editor should use for new lines: the file's own, or its first one when mixed. */
export function preferredLineEnding(text: string): 'lf' | 'crlf' {
  const first = text.indexOf('\n');
  return first > 0 && text.charCodeAt(first - 1) === 13 ? 'crlf' : 'lf';
}
