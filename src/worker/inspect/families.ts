import type { InterruptView } from '../../gic/index.ts';
import type { RegisterValueView } from '../../protocol/index.ts';
import type { BitFamily, RegisterBlockView } from './catalogue.ts';
import { registerView } from './decode.ts';
import { hex2 } from './hex.ts';
import { bitWord, byteWord, configWord, interruptName, type Word } from './words.ts';

export interface FamilyPlace {
  readonly prefix: 'GICD_' | 'GICR_';
  readonly block: RegisterBlockView;
  /** added to the Distributor offset: 0 for GICD, SGI_base for GICR */
  readonly base: number;
  /** register number n (the word) */
  readonly n: number;
  /** INTID of bit 0 */
  readonly first: number;
  readonly selected: number | null;
  readonly warnings: (name: string) => readonly string[];
}

const BIT_OF: Readonly<Record<string, (irq: InterruptView) => boolean>> = {
  IGROUPR: (irq) => irq.group !== 'G0',
  ISENABLER: (irq) => irq.enabled,
  ISPENDR: (irq) => irq.pending,
  ISACTIVER: (irq) => irq.active,
  INMIR: (irq) => irq.nmi,
};

const READING: Readonly<Record<string, readonly [string, string]>> = {
  IGROUPR: ['Group 1', 'Group 0'],
  ISENABLER: ['enabled', 'disabled'],
  ISPENDR: ['pending', 'not pending'],
  ISACTIVER: ['active', 'not active'],
  INMIR: ['non-maskable (NMI)', 'not an NMI'],
};

export function bitFamilyView(family: BitFamily, word: Word, at: FamilyPlace): RegisterValueView {
  const name = `${at.prefix}${family.name}${at.n}`;
  const { value, fields } = bitWord(word, family.field, BIT_OF[family.name], at.selected);
  const [on, off] = READING[family.name];
  return registerView(
    {
      name,
      block: at.block,
      offset: at.base + family.gicdOffset + 4 * at.n,
      width: 32,
      access: family.access,
    },
    value,
    fields,
    (field, v) => `${interruptName(at.first + field.bits[1])} ${v ? on : off}`,
    at.warnings(name),
  );
}

export function priorityView(word: Word, at: FamilyPlace, offset: number): RegisterValueView {
  const name = `${at.prefix}IPRIORITYR${at.n}`;
  const { value, fields } = byteWord(word);
  return registerView(
    { name, block: at.block, offset: at.base + offset + 4 * at.n, width: 32, access: 'RW' },
    value,
    fields,
    (field, v) => `${interruptName(at.first + field.bits[1] / 8)} priority ${hex2(v)}`,
    at.warnings(name),
  );
}

export function configView(word: Word, at: FamilyPlace, offset: number): RegisterValueView {
  const name = `${at.prefix}ICFGR${at.n}`;
  const { value, fields } = configWord(word);
  return registerView(
    { name, block: at.block, offset: at.base + offset + 4 * at.n, width: 32, access: 'RW' },
    value,
    fields,
    (field, v) =>
      `${interruptName(at.first + field.bits[1] / 2)} ${v & 2 ? 'edge-triggered' : 'level-sensitive'}`,
    at.warnings(name),
  );
}
