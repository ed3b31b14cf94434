import { formatTime } from './clock/index.ts';
import { emit, hex } from './core.ts';
import type { Core } from './core.ts';
import { describeTarget } from './timeline.ts';
import type { Expectation } from './scenario/index.ts';
import { toBigInt } from './scenario/index.ts';

/** Registers whose read changes state; an expectation must never acknowledge anything. */
const SIDE_EFFECT_READS = /IAR|NMIAR/;

export function describeExpectation(e: Expectation): string {
  const at = `at ${formatTime(e.at)}`;
  switch (e.check) {
    case 'counter': {
      const row = e.ipi === undefined ? `INTID ${e.intid ?? '?'}` : `IPI${e.ipi}`;
      const col = e.pe === undefined ? 'total' : `PE${e.pe}`;
      const c = e.count;
      const want = [
        c.equals === undefined ? '' : `= ${c.equals}`,
        c.atLeast === undefined ? '' : `>= ${c.atLeast}`,
        c.atMost === undefined ? '' : `<= ${c.atMost}`,
      ]
        .filter(Boolean)
        .join(', ');
      return `${at}: count of ${row} (${col}) ${want}`;
    }
    case 'interrupt-state':
      return `${at}: INTID ${e.intid}${e.pe === undefined ? '' : ` on PE${e.pe}`} is ${e.state}`;
    case 'register':
      return `${at}: ${describeTarget(e.target)} = ${String(e.value)}`;
    case 'handler-depth':
      return `${at}: PE${e.pe} handler depth ${e.depth}`;
    case 'outputs': {
      const lines = (['irq', 'fiq', 'nmi'] as const)
        .filter((l) => e[l] !== undefined)
        .map((l) => `${l.toUpperCase()}=${Number(e[l])}`);
      return `${at}: PE${e.pe} CPU interface lines ${lines.join(' ')}`;
    }
    case 'log':
      return `${at}: guest log contains "${e.contains}"`;
    case 'injections':
      return `${at}: NMI injector chose [${e.chosen.join(', ')}]`;
  }
}

function evaluate(core: Core, e: Expectation): { passed: boolean; actual: string } {
  switch (e.check) {
    case 'counter': {
      const key = e.ipi === undefined ? String(e.intid) : String(e.ipi);
      const row = core.state.guest.counts[key] ?? [];
      const n = e.pe === undefined ? row.reduce((a, b) => a + b, 0) : (row[e.pe] ?? 0);
      const c = e.count;
      const passed =
        (c.equals === undefined || n === c.equals) &&
        (c.atLeast === undefined || n >= c.atLeast) &&
        (c.atMost === undefined || n <= c.atMost);
      return { passed, actual: String(n) };
    }
    case 'interrupt-state': {
      const state = core.gic.interrupt(e.intid, e.pe).state;
      return { passed: state === e.state, actual: state };
    }
    case 'register': {
      const t = e.target;
      if (t.block === 'cpu-interface' && SIDE_EFFECT_READS.test(t.register)) {
        return {
          passed: false,
          actual: `${t.register} cannot be checked: reading it acknowledges an interrupt`,
        };
      }
      const v =
        t.block === 'distributor'
          ? core.gic.peekDistributor(Number(toBigInt(t.offset)), t.size)
          : t.block === 'redistributor'
            ? core.gic.peekRedistributor(t.pe, Number(toBigInt(t.offset)), t.size)
            : core.gic.peekSysreg(t.pe, t.register);
      return { passed: v === toBigInt(e.value), actual: hex(v) };
    }
    case 'handler-depth': {
      const depth = (core.state.pes[e.pe]?.frames.length ?? 1) - 1;
      return { passed: depth === e.depth, actual: String(depth) };
    }
    case 'outputs': {
      const o = core.gic.outputs(e.pe);
      const passed = (['irq', 'fiq', 'nmi'] as const).every(
        (l) => e[l] === undefined || e[l] === o[l],
      );
      return { passed, actual: `IRQ=${Number(o.irq)} FIQ=${Number(o.fiq)} NMI=${Number(o.nmi)}` };
    }
    case 'log': {
      // The state keeps a count per distinct text, not every line (it must stay bounded).
      const guest = core.state.guest;
      const hit =
        Object.keys(guest.logTexts).some((text) => text.includes(e.contains)) ||
        guest.log.some((l) => l.text.includes(e.contains));
      return {
        passed: hit,
        actual: hit ? 'found' : `not found in ${guest.logTotal} lines`,
      };
    }
    case 'injections': {
      const chosen = core.state.injector.chosen;
      return {
        passed: chosen.length === e.chosen.length && chosen.every((c, i) => c === e.chosen[i]),
        actual: `[${chosen.join(', ')}]`,
      };
    }
  }
}

export function checkExpectation(core: Core, index: number): void {
  const e = core.scenario.expect[index];
  if (e === undefined) return;
  // evaluate only peeks at the model: checking leaves no trace in the event stream
  const result = evaluate(core, e);
  core.state.results[index] = result;
  emit(core, {
    kind: 'expectation-checked',
    index,
    passed: result.passed,
    description: describeExpectation(e),
    actual: result.actual,
  });
}
