'use client';

import { useEffect } from 'react';
import { takeHeldKeys } from './keys-ahead';

/**
 * On a page that came instead of a study's viewer (the study is not there, or failed to open):
 * the keys held for that viewer (keys-ahead.ts) reach this page at once, not after the hold's
 * time-out, and none of them runs.
 */
export function LetGoOfHeldKeys() {
  useEffect(() => {
    takeHeldKeys();
  }, []);
  return null;
}
