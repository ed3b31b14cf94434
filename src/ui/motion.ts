// Animations register here so `whenIdle()` can wait for them; reduced motion and test mode
// (`?motion=off`) turn them off.

import { pendingWork } from './pending-work.ts';

const animations = pendingWork();

export function motionEnabled(): boolean {
  if (new URLSearchParams(window.location.search).get('motion') === 'off') return false;
  return !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Marks an animation as running until the returned function is called. */
export function beginAnimation(): () => void {
  return animations.begin();
}

export function whenAnimationsSettled(): Promise<void> {
  return animations.whenDone();
}
