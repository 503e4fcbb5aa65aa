'use client';

import dynamic from 'next/dynamic';

/** The viewer, loaded in the browser only: Cornerstone3D needs WebGL, workers and WASM. */
export const LazyViewer = dynamic(() => import('./Viewer'), {
  ssr: false,
  loading: () => <p role="status">Loading viewer…</p>,
});
