/** Linux arm64 IPIs: SGI n carries IPI n (reference §12); names as /proc/interrupts prints them. */
export const IPI_NAMES: readonly string[] = [
  'Rescheduling interrupts',
  'Function call interrupts',
  'CPU stop interrupts',
  'CPU stop NMIs',
  'Timer broadcast interrupts',
  'IRQ work interrupts',
  'CPU backtrace interrupts',
  'KGDB roundup interrupts',
];

/** IPIs requested as NMIs when pseudo-NMIs are on (6.x; reference §12). */
export const NMI_IPIS: readonly number[] = [3, 6, 7];

/** Virtual time a handler body takes, per IPI. */
export const IPI_HANDLER_NS: readonly number[] = [300, 1_000, 500, 500, 400, 600, 1_500, 800];

export function ipiName(ipi: number): string {
  return IPI_NAMES[ipi] ?? `IPI${ipi}`;
}
