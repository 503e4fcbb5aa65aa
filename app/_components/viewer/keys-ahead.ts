/**
 * Keys pressed while a study opens. From the moment the reader asks for a study (a worklist row,
 * Enter there, `n` or a link on the study page) until its viewer mounts, the viewer's hotkeys are
 * held here instead of reaching the page being left, which would drop them or apply them to the
 * study just read. The new study's viewer takes them and runs them once its series shows
 * (Viewer.tsx). Typing in a field is never held; nothing is held for longer than `HOLD_MS`.
 */
import { viewerConfig } from '@/app/_config/viewer';

/** Long enough for a study page on a busy server; a navigation that fails lets go of the keys then. */
const HOLD_MS = 10_000;

let held: string[] | null = null;
let expiry: ReturnType<typeof setTimeout> | undefined;

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

function keep(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
  if (!Object.hasOwn(viewerConfig.hotkeys, event.key)) return;
  event.preventDefault();
  event.stopPropagation();
  held?.push(event.key);
}

function letGo(): void {
  window.removeEventListener('keydown', keep, true);
  clearTimeout(expiry);
  held = null;
}

/** Holds the viewer's hotkeys from now until a viewer takes them (or `HOLD_MS` passes). */
export function holdKeysForViewer(): void {
  if (held === null) window.addEventListener('keydown', keep, true);
  held = [];
  clearTimeout(expiry);
  expiry = setTimeout(letGo, HOLD_MS);
}

/** The keys held since the study was asked for, in order; holding stops. */
export function takeHeldKeys(): string[] {
  const keys = held ?? [];
  letGo();
  return keys;
}
