// The Windows version each document is checked for, chosen in the status bar. It is a setting kept
// outside the file (the file's bytes never change when the target does): remembered per saved path
// in this browser profile's localStorage, per session for untitled documents. Default windows11.
import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_TARGET, isWindowsTarget, type WindowsTarget } from '../../../shared/common/windows/targets';

const STORAGE_KEY = 'provstudio.documentTargets';
const untitled = new Map<string, WindowsTarget>();

function storedTargets(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The document's target: by path when it has one, else by its id (untitled, this session only). */
export function documentTarget(document: { id: string; path: string | null } | null): WindowsTarget {
  if (!document) return DEFAULT_TARGET;
  if (document.path === null) return untitled.get(document.id) ?? DEFAULT_TARGET;
  const stored = storedTargets()[document.path];
  return isWindowsTarget(stored) ? stored : DEFAULT_TARGET;
}

export function setDocumentTarget(document: { id: string; path: string | null }, target: WindowsTarget): void {
  if (document.path === null) {
    untitled.set(document.id, target);
    return;
  }
  const targets = storedTargets();
  if (target === DEFAULT_TARGET) delete targets[document.path];
  else targets[document.path] = target;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(targets));
  } catch {
    // Storage full or unavailable: the choice lasts for this session only.
  }
}

/** The active document's target and a setter that remembers it. */
export function useDocumentTarget(document: { id: string; path: string | null } | null): [WindowsTarget, (target: WindowsTarget) => void] {
  const [target, setTarget] = useState<WindowsTarget>(() => documentTarget(document));
  const id = document?.id ?? null;
  const path = document?.path ?? null;
  useEffect(() => setTarget(documentTarget(id === null ? null : { id, path })), [id, path]);
  const choose = useCallback(
    (next: WindowsTarget) => {
      if (id !== null) setDocumentTarget({ id, path }, next);
      setTarget(next);
    },
    [id, path],
  );
  return [target, choose];
}
