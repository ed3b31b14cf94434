/** Every keyboard shortcut, for the `?` overlay and the handler (use-shortcuts.ts). */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['Space', 'Play / Pause'],
  ['→  ←', 'Step one event / step back'],
  ['PageDown  PageUp', 'Step / step back; in presenter mode: next / previous chapter'],
  ['N', 'Inject NMI'],
  ['P', 'Presenter mode on / off'],
  ['F', 'Full screen on / off'],
  ['B  or  .', 'Blank the screen (press again to come back)'],
  ['?', 'This list'],
  ['Esc', 'Close this list, un-blank, leave presenter mode'],
  ['Tab', 'Move between regions; each grid of cells is one stop'],
  ['Arrows, Home, End', 'Move inside a grid of cells'],
  ['Enter  or  Space', 'Select the focused cell'],
];

/** Focus is where typing goes: shortcuts stay out of the way. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('input, select, textarea, [contenteditable="true"], [role="slider"]') !== null
  );
}

/** Focus is on something Space or Enter activates by itself. */
export function isActivatable(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest('button, [role="button"], a[href], summary, [role="tab"]') !== null
  );
}
