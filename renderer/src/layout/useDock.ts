// Which tool the dock shows and whether it is open. The toolbar and the View menu toggle a tool:
// showing it opens the dock at its tab; toggling the tool already shown collapses the dock.
import { useCallback, useState } from 'react';
import type { DockTab } from './Dock';

export function useDock(initial: DockTab = 'problems') {
  const [state, setState] = useState<{ open: boolean; tab: DockTab }>({ open: true, tab: initial });
  const show = useCallback((tab: DockTab) => setState({ open: true, tab }), []);
  const toggle = useCallback((tab: DockTab) => setState((previous) => (previous.open && previous.tab === tab ? { ...previous, open: false } : { open: true, tab })), []);
  const collapse = useCallback(() => setState((previous) => ({ ...previous, open: false })), []);
  const select = useCallback((tab: DockTab) => setState({ open: true, tab }), []);
  return { open: state.open, tab: state.tab, shows: (tab: DockTab) => state.open && state.tab === tab, show, toggle, collapse, select };
}
