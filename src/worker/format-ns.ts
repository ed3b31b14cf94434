/** Virtual time for replies: `121.1 µs`, `1.5 ms`, `2 s`, `750 ns`. */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  const trim = (v: number) => String(Number(v.toFixed(3)));
  if (abs >= 1e9) return `${trim(ns / 1e9)} s`;
  if (abs >= 1e6) return `${trim(ns / 1e6)} ms`;
  if (abs >= 1e3) return `${trim(ns / 1e3)} µs`;
  return `${ns} ns`;
}
