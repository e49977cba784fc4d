// What the lint rule PS-L027 asks about content Windows' schemas let through a lax slot. The
// question is asked here, below both its answerer (schema/authoring-check.ts, libxml2) and its
// asker (lint/), so the two stay peers; validation/ hands one to the other.
import type { XmlElementNode } from '../xml/model';

export interface LaxSlotProblem {
  /** The element to point at (the innermost one on libxml2's line). */
  element: XmlElementNode;
  /** libxml2's reason. */
  detail: string;
}

/** `lineAt(offset)`: the 1-based line of a text offset. */
export type LaxSlotChecker = (element: XmlElementNode, text: string, lineAt: (offset: number) => number) => LaxSlotProblem | undefined;
