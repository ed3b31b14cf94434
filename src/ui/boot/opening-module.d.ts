// The default opening, computed at build time by the worker's code (scripts/opening.mjs).
declare module 'virtual:gicscope-opening' {
  const opening: import('./opening.ts').Opening;
  export default opening;
}
