// The progress of a batch in words, the same on a terminal and in the app's Data panel: rows done
// out of the total, rows per second, and the time left (m:ss).
import type { MessageKey, MessageParams } from '../i18n/core';

export interface ProgressFigures {
  done: number;
  /** Rows in the data file, once counted (null until then). */
  total: number | null;
  /** Rows per second so far. */
  rate: number;
  /** Estimated time left, once the total is known. */
  remainingMs: number | null;
}

/** m:ss (minutes grow past 59: 75:00 for an hour and a quarter). */
export function minutesAndSeconds(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The share of rows done, 0 while the total is unknown. */
export function progressFraction(figures: ProgressFigures): number {
  return figures.total ? Math.min(1, figures.done / figures.total) : 0;
}

export function progressWords(figures: ProgressFigures, t: (key: MessageKey, params?: MessageParams) => string): string {
  return t('generate.progress', {
    done: figures.done,
    total: figures.total ?? '?',
    rate: figures.rate.toFixed(0),
    left: figures.remainingMs === null ? '?' : minutesAndSeconds(figures.remainingMs),
  });
}
