// Positions in a text: UTF-16 offsets (what JavaScript strings and Monaco use) with 1-based
// line and column numbers. Columns count UTF-16 code units, like Monaco's columns.
// Line breaks are LF, CRLF and lone CR (the three XML normalises to LF).

export interface Position {
  /** 1-based line number. */
  line: number;
  /** 1-based column, in UTF-16 code units from the start of the line. */
  column: number;
  /** 0-based UTF-16 offset into the text. */
  offset: number;
}

/** A half-open range: `start` is the first character, `end` is just past the last one. */
export interface Range {
  start: Position;
  end: Position;
}

/** Offsets at which each line starts (line 1 starts at 0). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      starts.push(index + 1);
    } else if (code === 13) {
      if (text.charCodeAt(index + 1) === 10) index++;
      starts.push(index + 1);
    }
  }
  return starts;
}

/**
 * Turns offsets into positions. Offsets asked for in (roughly) increasing order, as a parser
 * does, are found by walking from the previous answer; others by binary search.
 */
export class PositionMapper {
  private lastLineIndex = 0;

  constructor(readonly lineStarts: number[]) {}

  static forText(text: string): PositionMapper {
    return new PositionMapper(computeLineStarts(text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let index = this.lastLineIndex;
    if (starts[index]! <= offset) {
      // Walk forward a few lines; fall back to binary search for long jumps.
      let steps = 0;
      while (index + 1 < starts.length && starts[index + 1]! <= offset) {
        index++;
        if (++steps > 8) {
          index = this.search(offset);
          break;
        }
      }
    } else {
      index = this.search(offset);
    }
    this.lastLineIndex = index;
    return { line: index + 1, column: offset - starts[index]! + 1, offset };
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset of the start of a 1-based line (clamped to the text). */
  lineStartOffset(line: number): number {
    const index = Math.min(Math.max(line - 1, 0), this.lineStarts.length - 1);
    return this.lineStarts[index]!;
  }

  private search(offset: number): number {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
