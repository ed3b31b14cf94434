import { assertNever } from '../../lib/index.ts';
import type { Scenario } from './schema.ts';
import type { RegisterTarget } from './schema-actions.ts';
import { toBigInt } from './schema-common.ts';

/** One problem in a scenario, located by a JSON path such as `$.timeline[2].intid`. */
export interface ScenarioError {
  readonly path: string;
  readonly message: string;
  /** Where in the text, for a syntax error (1-based). */
  readonly line?: number;
  readonly column?: number;
}

/** INTIDs from 8192 up are LPIs: the guest refuses them itself, as Linux does without an ITS. */
const LPI_BASE = 8192;

/** Registers whose read changes state: an expectation must never acknowledge anything. */
const SIDE_EFFECT_READS = /^ICC_(IAR0|IAR1|NMIAR1)_EL1$/;

/**
 * Checks that need the whole scenario: every PE, INTID and register it names exists on this
 * machine, lines are given a PE exactly when they are per PE, and every time is within the run.
 */
export function checkScenario(s: Scenario): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const add = (path: string, message: string): void => void errors.push({ path, message });
  const { pes, spis } = s.machine;
  const maxIntid = 31 + spis;

  const pe = (path: string, value: number | undefined): void => {
    if (value !== undefined && value >= pes)
      add(path, `expected a PE index below ${pes}, got ${value}`);
  };
  const peList = (path: string, list: readonly number[]): void => {
    list.forEach((p, j) => {
      pe(`${path}[${j}]`, p);
      if (list.indexOf(p) !== j) add(`${path}[${j}]`, `PE ${p} is listed twice`);
    });
  };
  const intid = (path: string, value: number | undefined): void => {
    if (value !== undefined && value > maxIntid && value < LPI_BASE)
      add(path, `expected an INTID up to ${maxIntid} (machine.spis = ${spis}), got ${value}`);
  };
  /** SGIs and PPIs are banked per PE, SPIs are not: a PE is needed exactly for the former. */
  const banked = (path: string, id: number, p: number | undefined, what: string): void => {
    if (id < 32 && p === undefined) add(`${path}.pe`, `${what} ${id} is per PE: add "pe"`);
    if (id >= 32 && p !== undefined)
      add(`${path}.pe`, `${what} ${id} is an SPI, shared by every PE: remove "pe"`);
  };
  const target = (path: string, t: RegisterTarget): void => {
    if (t.block !== 'distributor') pe(`${path}.pe`, t.pe);
  };
  const notAfterEnd = (path: string, at: number): void => {
    if (at > s.runUntil) add(path, `expected a time not after runUntil (${s.runUntil} ns)`);
  };

  const byPe = s.guest.nmiByPe;
  if (byPe !== undefined && byPe.length > pes)
    add('$.guest.nmiByPe', `has ${byPe.length} entries but the machine has ${pes} PE(s)`);
  s.guest.setup.forEach((c, i) => {
    intid(`$.guest.setup[${i}].intid`, c.intid);
    if ('route' in c && typeof c.route === 'object') pe(`$.guest.setup[${i}].route.pe`, c.route.pe);
  });

  /** msi-device name → its number of vectors */
  const msiDevices = new Map<string, number>();
  const needsIts = (path: string, what: string): void => {
    if (!s.machine.its) add(path, `${what} needs an ITS: set machine.its to true`);
  };
  s.devices.forEach((d, i) => {
    if (d.type === 'msi-device') {
      needsIts(`$.devices[${i}].type`, 'an msi-device');
      if (msiDevices.has(d.name)) add(`$.devices[${i}].name`, `"${d.name}" names two devices`);
      msiDevices.set(d.name, d.vectors);
      if (d.affinity) d.affinity.forEach((p, j) => pe(`$.devices[${i}].affinity[${j}]`, p));
    }
    if ('intid' in d) intid(`$.devices[${i}].intid`, d.intid);
    if ('pes' in d && d.pes !== 'all') peList(`$.devices[${i}].pes`, d.pes);
  });

  s.timeline.forEach((a, i) => {
    const at = `$.timeline[${i}]`;
    notAfterEnd(`${at}.at`, a.at);
    if ('pe' in a) pe(`${at}.pe`, a.pe);
    if ('intid' in a) intid(`${at}.intid`, a.intid);
    switch (a.do) {
      case 'raise-line':
      case 'lower-line':
      case 'pulse-line':
        banked(at, a.intid, a.pe, 'INTID');
        break;
      case 'send-ipi':
        pe(`${at}.from`, a.from);
        if (a.to !== 'others') peList(`${at}.to`, a.to);
        break;
      case 'write-register':
        target(`${at}.target`, a.target);
        fits(`${at}.value`, a.target, a.value, add);
        break;
      case 'request-irq':
      case 'request-nmi':
        if (typeof a.route === 'object') pe(`${at}.route.pe`, a.route.pe);
        break;
      case 'run-until':
        if (a.until !== undefined) notAfterEnd(`${at}.until`, a.until);
        break;
      case 'send-msi':
        if (!msiDevices.has(a.device))
          add(`${at}.device`, `expected the name of an msi-device, got "${a.device}"`);
        else if (a.vector >= (msiDevices.get(a.device) ?? 0))
          add(`${at}.vector`, `${a.device} has ${msiDevices.get(a.device)} vector(s)`);
        needsIts(`${at}.do`, a.do);
        break;
      case 'lpi-config':
      case 'set-irq-affinity':
      case 'its-command':
        needsIts(`${at}.do`, a.do);
        break;
      case 'enable-irq':
      case 'disable-irq':
      case 'inject-nmi':
      case 'enter-critical-section':
      case 'leave-critical-section':
        break;
      default:
        assertNever(a, 'action');
    }
  });

  s.expect.forEach((e, i) => {
    const at = `$.expect[${i}]`;
    notAfterEnd(`${at}.at`, e.at);
    if ('pe' in e) pe(`${at}.pe`, e.pe);
    switch (e.check) {
      case 'counter':
        intid(`${at}.intid`, e.intid);
        break;
      case 'interrupt-state':
        intid(`${at}.intid`, e.intid);
        banked(at, e.intid, e.pe, 'INTID');
        break;
      case 'register':
        target(`${at}.target`, e.target);
        fits(`${at}.value`, e.target, e.value, add);
        if (e.target.block === 'cpu-interface' && SIDE_EFFECT_READS.test(e.target.register))
          add(
            `${at}.target.register`,
            `${e.target.register} cannot be checked: reading it acknowledges an interrupt`,
          );
        break;
      case 'lpi':
        needsIts(`${at}.check`, 'an lpi check');
        break;
      case 'injections':
        e.chosen.forEach((c, j) => intid(`${at}.chosen[${j}]`, c));
        break;
      case 'handler-depth':
      case 'outputs':
      case 'log':
        break;
      default:
        assertNever(e, 'expectation');
    }
  });
  return errors;
}

/** A value for a register must fit the access: 8·size bits for MMIO, 64 for system registers. */
function fits(
  path: string,
  t: RegisterTarget,
  value: number | string,
  add: (path: string, message: string) => void,
): void {
  const bits = t.block === 'cpu-interface' ? 64 : 8 * t.size;
  if (toBigInt(value) >= 1n << BigInt(bits))
    add(path, `expected a value that fits in ${bits} bits, got ${String(value)}`);
}
