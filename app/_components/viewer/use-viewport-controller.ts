import { useEffect, useState } from 'react';

/** How to make a controller once its module (its own script chunk) has loaded. */
export interface ControllerStart<C> {
  make: () => C;
  /** The elements whose size the controller's viewports follow. */
  elements: HTMLElement[];
}

/**
 * A component's controller of Cornerstone3D viewports. `start` (memoised by the caller: a new
 * one makes a new controller) loads the controller's module and says how to make it, or returns
 * null while the component has no elements to give it. The controller is made only if the
 * component is still there when the module arrives, is resized with its elements, and is
 * destroyed when `start` changes or the component goes. A failure to load is told in words.
 */
export function useViewportController<C extends { resize(): void; destroy(): void }>(
  start: () => Promise<ControllerStart<C>> | null,
  onFailure: (message: string) => void,
): C | null {
  const [controller, setController] = useState<C | null>(null);
  useEffect(() => {
    const starting = start();
    if (!starting) return;
    let created: C | null = null;
    let observer: ResizeObserver | null = null;
    let live = true;
    starting
      .then(({ make, elements }) => {
        if (!live) return;
        const made = make();
        created = made;
        setController(made);
        observer = new ResizeObserver(() => made.resize());
        for (const element of elements) observer.observe(element);
      })
      .catch((error: unknown) => {
        if (live) onFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      live = false;
      observer?.disconnect();
      created?.destroy();
      setController(null);
    };
  }, [start, onFailure]);
  return controller;
}
