'use client';

import { useCallback, useState } from 'react';

/**
 * Whether an <img> of the page failed to load (the server could not render that frame), also when
 * it failed before hydration, while React was not yet listening. Give the <img> `ref` and
 * `onError`.
 */
export function useImageFailed(): {
  failed: boolean;
  ref: (element: HTMLImageElement | null) => void;
  onError: () => void;
} {
  const [failed, setFailed] = useState(false);
  const onError = useCallback(() => setFailed(true), []);
  const ref = useCallback((element: HTMLImageElement | null) => {
    // Complete with no pixels: the browser has given up on it (a lazy one not started yet is
    // not complete).
    if (element?.complete && element.naturalWidth === 0) setFailed(true);
  }, []);
  return { failed, ref, onError };
}
