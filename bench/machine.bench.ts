// Simulated machine throughput: machine events per wall-clock second, and virtual time simulated
// per wall-clock second, for 8 and 64 PEs with timers, IPIs and device interrupts running.
import { createMachine, parseScenario } from '../src/machine/index.ts';
import type { ScenarioInput } from '../src/machine/index.ts';

function load(pes: number): ScenarioInput {
  return {
    format: 'gicscope-scenario',
    version: 1,
    id: `bench-${pes}`,
    title: `bench ${pes} PEs`,
    machine: { pes, spis: 128 },
    guest: {
      kernel: '6.11+',
      nmi: 'pseudo',
      setup: [{ do: 'request-nmi', intid: 33, name: 'uart-pl011' }],
    },
    devices: [
      { type: 'arch-timer', timer: 'virtual', period: '100us' },
      { type: 'pmu', period: '400us' },
      { type: 'uart-pl011', receiveAt: [] },
      { type: 'spi-source', intid: 40, name: 'eth0', period: '7us' },
      { type: 'spi-source', intid: 41, name: 'mmc0', trigger: 'edge', period: '13us' },
      { type: 'ipi-source', ipi: 0, period: '3us' },
      { type: 'ipi-source', ipi: 1, period: '11us' },
    ],
    timeline: Array.from({ length: 20 }, (_, i) => ({
      at: `${100 + i * 50}us`,
      do: 'inject-nmi' as const,
    })),
    runUntil: '1.2ms',
  };
}

function measure(pes: number): void {
  const parsed = parseScenario(load(pes));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const machine = createMachine(parsed.value);
  machine.runUntil(50_000); // boot
  let events = 0;
  let interrupts = 0;
  machine.subscribe((e) => {
    events++;
    if (e.kind === 'interrupt-handled') interrupts++;
  });
  const start = performance.now();
  const from = machine.now();
  for (let t = from; t < parsed.value.runUntil; t += 50_000) machine.runUntil(t + 50_000);
  const seconds = (performance.now() - start) / 1000;
  const virtualUs = (machine.now() - from) / 1000;
  console.log(
    `${String(pes).padStart(3)} PEs: ${Math.round(events / seconds).toLocaleString('en')} events/s, ` +
      `${Math.round(interrupts / seconds).toLocaleString('en')} handled interrupts/s ` +
      `(${events.toLocaleString('en')} events, ${interrupts} interrupts in ${virtualUs} us virtual, ${seconds.toFixed(2)} s wall; ` +
      `${(virtualUs / seconds / 1000).toFixed(1)} ms virtual per s)`,
  );
}

measure(8);
measure(64);
