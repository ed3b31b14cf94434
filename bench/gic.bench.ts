/**
 * GIC core throughput: full interrupt lifecycles per second through the public API, with an
 * event subscriber attached. Lifecycle = raise the SPI line → read ICC_IAR1_EL1 → write
 * ICC_EOIR1_EL1 → lower the line (13 events). SPIs are edge-triggered, Group 1, spread over
 * every PE (by GICD_IROUTER) and every priority. The guest-facing calls use the number fast path
 * (readSysreg32, number values), as the machine does; one row also times the bigint API.
 *
 * The machine is shared with other work, so each configuration runs several trials and reports
 * the best and the median, timed by this process's CPU time (what the lifecycles cost) and by
 * the wall clock (what contention added). Run: npx tsx bench/gic.bench.ts
 */
import { createGic, type Gic } from '../src/gic/index.ts';
import { figure, summarize, trial, type Trial } from './figures.ts';

const PE_COUNTS = [4, 8, 64, 256];
const SPI_COUNTS = [32, 256, 988];

function setUp(peCount: number, spiCount: number): { gic: Gic; targets: Int32Array } {
  const gic = createGic({ peCount, spiCount });
  gic.writeDistributor(0x0, 0x13, 4); // ARE, EnableGrp1, EnableGrp0
  for (let pe = 0; pe < peCount; pe++) {
    gic.writeRedistributor(pe, 0x14, 0, 4); // wake
    gic.writeSysreg(pe, 'ICC_PMR_EL1', 0xff);
    gic.writeSysreg(pe, 'ICC_IGRPEN1_EL1', 1);
  }
  const targets = new Int32Array(32 + spiCount);
  for (let intid = 32; intid < 32 + spiCount; intid++) {
    const n = intid - 32;
    const pe = n % peCount;
    const aff = gic.config.affinity[pe] ?? { aff0: 0, aff1: 0, aff2: 0, aff3: 0 };
    targets[intid] = pe;
    gic.writeDistributor(0x6000 + 8 * intid, (aff.aff1 << 8) | aff.aff0, 8);
    gic.writeDistributor(0x400 + intid, (n * 8) % 0xf8, 1); // 0x00…0xF0: all below PMR
  }
  for (let reg = 1; reg * 32 < 32 + spiCount; reg++) {
    gic.writeDistributor(0x80 + 4 * reg, 0xffffffff, 4); // Group 1
    gic.writeDistributor(0xc00 + 8 * reg, 0xaaaaaaaa, 4); // edge
    gic.writeDistributor(0xc04 + 8 * reg, 0xaaaaaaaa, 4);
    gic.writeDistributor(0x100 + 4 * reg, 0xffffffff, 4); // enable
  }
  return { gic, targets };
}

/** A workload: `run(n)` performs n lifecycles; `events` counts what the listener saw. */
function workload(peCount: number, spiCount: number, api: 'number' | 'bigint') {
  const { gic, targets } = setUp(peCount, spiCount);
  const seen = { events: 0 };
  gic.subscribe(() => {
    seen.events++;
  });
  const stride = 97; // co-prime with every SPI count: visits every SPI, PE and priority
  let n = 0;
  const run = (count: number): void => {
    for (let i = 0; i < count; i++) {
      n = (n + stride) % spiCount;
      const intid = 32 + n;
      const pe = targets[intid] ?? 0;
      gic.setLevel(intid, true);
      if (api === 'number') {
        const iar = gic.readSysreg32(pe, 'ICC_IAR1_EL1');
        if (iar !== intid) throw new Error(`IAR returned ${iar}, expected ${intid}`);
        gic.writeSysreg(pe, 'ICC_EOIR1_EL1', iar);
      } else {
        const iar = gic.readSysreg(pe, 'ICC_IAR1_EL1');
        if (iar !== BigInt(intid)) throw new Error(`IAR returned ${iar}, expected ${intid}`);
        gic.writeSysreg(pe, 'ICC_EOIR1_EL1', iar);
      }
      gic.setLevel(intid, false);
    }
  };
  return { run, seen };
}

interface Row {
  readonly pes: number;
  readonly spis: number;
  readonly cpuBest: number;
  readonly cpuMedian: number;
  readonly wallBest: number;
  readonly eventsPerLifecycle: number;
}

const TRIALS = 9;

/**
 * Every configuration is built and warmed up first, then the trials go round the configurations
 * in turn, so no configuration is measured in a different JIT state or a quieter moment.
 */
function measureAll(configs: readonly { pes: number; spis: number; api: 'number' | 'bigint' }[]) {
  const loads = configs.map((c) => ({
    ...c,
    w: workload(c.pes, c.spis, c.api),
    runs: [] as Trial[],
  }));
  for (const l of loads) l.w.run(50_000);
  for (const l of loads) l.w.seen.events = 0;
  for (let t = 0; t < TRIALS; t++)
    for (const l of loads) l.runs.push(trial(() => l.w.run(10_000), 10_000, 60));
  return loads.map((l): Row => {
    const r = summarize(l.runs);
    return {
      pes: l.pes,
      spis: l.spis,
      cpuBest: r.cpu.best,
      cpuMedian: r.cpu.median,
      wallBest: r.wall.best,
      eventsPerLifecycle: l.w.seen.events / r.operations,
    };
  });
}

const perSecond = (ns: number): number => 1e9 / ns;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

const configs = PE_COUNTS.flatMap((pes) =>
  SPI_COUNTS.map((spis) => ({ pes, spis, api: 'number' as const })),
);
const measured = measureAll([...configs, { pes: 8, spis: 256, api: 'bigint' }]);
const rows = measured.slice(0, configs.length);
const bigint = measured[configs.length];
console.log(
  'PEs  SPIs  lifecycles/s (CPU best)  ns CPU best  ns CPU median  ns wall best  events/lifecycle',
);
for (const r of rows) {
  console.log(
    `${String(r.pes).padStart(3)}  ${String(r.spis).padStart(4)}  ${fmt(perSecond(r.cpuBest)).padStart(23)}  ${r.cpuBest.toFixed(0).padStart(11)}  ${r.cpuMedian.toFixed(0).padStart(13)}  ${r.wallBest.toFixed(0).padStart(12)}  ${r.eventsPerLifecycle.toFixed(1).padStart(16)}`,
  );
}
console.log(
  `  8   256  bigint API: ${fmt(perSecond(bigint.cpuBest))} lifecycles/s (CPU best), ${bigint.cpuBest.toFixed(0)} ns`,
);

const at = (pes: number, spis: number): Row => {
  const r = rows.find((x) => x.pes === pes && x.spis === spis);
  if (r === undefined) throw new Error(`no row ${pes}/${spis}`);
  return r;
};
console.log('');
for (const pes of PE_COUNTS) {
  const r = at(pes, 256);
  figure(
    `gic.lifecycles_per_s.${pes}pe_256spi`,
    perSecond(r.cpuBest),
    '/s',
    pes === 8 ? '>= 3e6' : undefined,
  );
}
figure(`gic.lifecycles_per_s.8pe_256spi.median`, perSecond(at(8, 256).cpuMedian), '/s');
figure(`gic.lifecycles_per_s.8pe_256spi.wall`, perSecond(at(8, 256).wallBest), '/s');
figure(`gic.lifecycles_per_s.8pe_256spi.bigint_api`, perSecond(bigint.cpuBest), '/s');
figure('gic.cost_ratio.256pe_vs_4pe', at(256, 256).cpuBest / at(4, 256).cpuBest, '', '<= 1.5');
figure(
  'gic.cost_ratio.256pe_988spi_vs_4pe_32spi',
  at(256, 988).cpuBest / at(4, 32).cpuBest,
  '',
  '<= 1.5',
);
