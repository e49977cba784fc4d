// Form and XML side by side (wide windows) or stacked (the form above the XML), as the user last
// chose in this window; a new window picks by its width.
import { useState } from 'react';

const KEY = 'provstudio-editors-stacked';
/** Below this width, side by side leaves each view too narrow beside the navigator and the dock. */
const SIDE_BY_SIDE_MIN_WIDTH = 1280;

export function useStackedEditors(): [boolean, (stacked: boolean) => void] {
  const [stacked, setStackedState] = useState(() => {
    const stored = sessionStorage.getItem(KEY);
    return stored === null ? window.innerWidth < SIDE_BY_SIDE_MIN_WIDTH : stored === 'true';
  });
  const setStacked = (value: boolean) => {
    sessionStorage.setItem(KEY, String(value));
    setStackedState(value);
  };
  return [stacked, setStacked];
}
