import type {
  DeactivationCause,
  InterruptConfigChange,
  IntId,
  PeIndex,
  PendingCause,
  Priority,
} from './api.ts';
import { GROUP_NAMES as GROUP_NAMES_ } from './delivery.ts';
import {
  effectivePending as effectivePending_,
  notePending as notePending_,
  refresh as refresh_,
} from './interrupts.ts';
import type { Model } from './model.ts';
import { groupOf as groupOf_, intidOfSlot as intidOfSlot_, type GicState } from './state.ts';

// The imports as this module's own constants: V8 (Node 20) folds a module's constants into
// optimised code but reads an imported binding from its module cell at every use
// (docs/gic-api.md, Performance).
const GROUP_NAMES = GROUP_NAMES_;
const effectivePending = effectivePending_;
const notePending = notePending_;
const refresh = refresh_;
const groupOf = groupOf_;
const intidOfSlot = intidOfSlot_;

/**
 * The per-interrupt state changes every register family and input funnels into (reference
 * §1.3): each mutates one slot, refreshes its HPPI-candidate entry and reports the change.
 */

function ownerOf(s: GicState, slot: number): PeIndex | null {
  return slot < s.spiBase ? ((slot >> 5) as PeIndex) : null;
}

function configured(m: Model, slot: number, change: InterruptConfigChange): void {
  m.ev.emit({
    kind: 'interrupt-configured',
    intid: intidOfSlot(m.s, slot) as IntId,
    pe: ownerOf(m.s, slot),
    change,
  });
}

export function setLatch(m: Model, slot: number, value: boolean, cause: PendingCause): void {
  const s = m.s;
  const v = value ? 1 : 0;
  if (s.latch[slot] === v) return;
  const before = effectivePending(s, slot);
  s.latch[slot] = v;
  refresh(m, slot);
  notePending(m, slot, before, cause);
}

export function setLine(m: Model, slot: number, level: boolean): void {
  const s = m.s;
  const v = level ? 1 : 0;
  if (s.level[slot] === v) return;
  const before = effectivePending(s, slot);
  s.level[slot] = v;
  // A rising edge latches pending for edge-triggered interrupts (reference §1.3).
  if (v === 1 && s.edge[slot] !== 0) s.latch[slot] = 1;
  // The line reaches the candidate rule only through the effective pending state: an edge
  // interrupt's falling line (or a level one's latched state hiding the line) changes nothing.
  if (effectivePending(s, slot) !== before) refresh(m, slot);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'line-changed',
      intid: intidOfSlot(s, slot) as IntId,
      pe: ownerOf(s, slot),
      level,
    });
  }
  notePending(m, slot, before, 'line');
}

export function setEnabled(m: Model, slot: number, value: boolean): void {
  const s = m.s;
  const v = value ? 1 : 0;
  if (s.enabled[slot] === v) return;
  s.enabled[slot] = v;
  refresh(m, slot);
  if (m.ev.active) {
    configured(m, slot, { property: 'enabled', value });
  }
}

export function activateByRegister(m: Model, slot: number): void {
  const s = m.s;
  if (s.active[slot] !== 0) return;
  s.active[slot] = 1;
  refresh(m, slot);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'activated',
      intid: intidOfSlot(s, slot) as IntId,
      pe: ownerOf(s, slot),
      cause: 'ISACTIVER',
    });
  }
}

/** Active → inactive (Active+Pending → Pending). Returns false if it was not active. */
export function deactivate(m: Model, slot: number, cause: DeactivationCause): boolean {
  const s = m.s;
  if (s.active[slot] === 0) return false;
  s.active[slot] = 0;
  s.activeOn[slot] = -1;
  // Only a pending interrupt becomes a candidate again; one that is not was left out of the
  // heaps (and a 1-of-N SPI released) when it became active.
  if (effectivePending(s, slot)) refresh(m, slot);
  if (m.ev.active) {
    m.ev.emit({
      kind: 'deactivated',
      intid: intidOfSlot(s, slot) as IntId,
      pe: ownerOf(s, slot),
      cause,
    });
  }
  return true;
}

export function setGroupBits(m: Model, slot: number, igroup: boolean, grpmod: boolean): void {
  const s = m.s;
  const before = groupOf(s, slot);
  s.igroup[slot] = igroup ? 1 : 0;
  s.grpmod[slot] = grpmod ? 1 : 0;
  const after = groupOf(s, slot);
  refresh(m, slot);
  if (before !== after && m.ev.active) {
    configured(m, slot, { property: 'group', value: GROUP_NAMES[after] ?? 'G0' });
  }
}

export function setPriority(m: Model, slot: number, value: number): void {
  const s = m.s;
  const v = value & 0xff;
  if (s.priority[slot] === v) return;
  s.priority[slot] = v;
  refresh(m, slot);
  if (!m.ev.active) return;
  const intid = intidOfSlot(s, slot);
  if (s.active[slot] !== 0) {
    m.ev.warn(
      'priority-change-while-active',
      `priority of INTID ${intid} changed to 0x${v.toString(16)} while it is active`,
      null,
      ownerOf(s, slot),
      intid,
    );
  }
  configured(m, slot, { property: 'priority', value: v as Priority });
}

export function setEdge(m: Model, slot: number, edge: boolean): void {
  const s = m.s;
  const v = edge ? 1 : 0;
  if (s.edge[slot] === v) return;
  const before = effectivePending(s, slot);
  s.edge[slot] = v;
  refresh(m, slot);
  if (m.ev.active) {
    configured(m, slot, { property: 'trigger', value: edge ? 'edge' : 'level' });
  }
  notePending(m, slot, before, 'config');
}

export function setNmiBit(m: Model, slot: number, value: boolean, register: string): void {
  const s = m.s;
  const v = value ? 1 : 0;
  if (s.nmi[slot] === v) return;
  const intid = intidOfSlot(s, slot);
  if (s.enabled[slot] !== 0) {
    m.ev.warn(
      'inmir-change-while-enabled',
      `non-maskable property of INTID ${intid} changed while it is enabled`,
      register,
      ownerOf(s, slot),
      intid,
    );
  }
  s.nmi[slot] = v;
  refresh(m, slot);
  if (m.ev.active) {
    configured(m, slot, { property: 'nmi', value });
  }
}
