import type {
  CpuGateView,
  CpuView,
  GroupName,
  InterruptState,
  InterruptView,
  ItsDiagramView,
  ItsTranslationView,
  LadderMark,
  NmiKind,
} from '../../../protocol/index.ts';
import type { Tone } from './palette.ts';

// ---- what the diagram draws (input) ----------------------------------------------------------

export interface DiagramPe {
  readonly cpu: CpuView;
  /** the SGIs/PPIs drawn in its Redistributor */
  readonly banked: readonly InterruptView[];
  /** SGIs/PPIs left out (idle ones, unless the user asks for all) */
  readonly hiddenBanked: number;
  readonly gate: CpuGateView | null;
  /** the LPIs drawn in its Redistributor; null when the GIC has no ITS (nothing is drawn) */
  readonly lpis: readonly InterruptView[] | null;
  /** LPIs left out (idle ones, unless the user asks for all) */
  readonly hiddenLpis: number;
  /** GICR_CTLR.EnableLPIs */
  readonly enableLpis: boolean;
}

/** The ITS block: its state, mapped devices and the last translation. */
export interface DiagramIts {
  readonly enabled: boolean;
  readonly stalled: boolean;
  readonly creadr: number;
  readonly cwriter: number;
  readonly processed: number;
  readonly devices: ItsDiagramView['devices'];
  readonly last: ItsTranslationView | null;
  /**
   * the last translation made an LPI that is still pending or in service at its PE: the path
   * from the ITS to that Redistributor is lit with its label
   */
  readonly live: boolean;
}

/** The NMI story: the last injection, the rotation and the verdict at the target's gate. */
export interface DiagramStory {
  /** cell key of the candidate raised last */
  readonly chosenKey: string | null;
  /** cell key of the candidate the next press raises */
  readonly nextKey: string | null;
  readonly targetPe: number | null;
  /** the verdict for the gate, longest first: ["NMI 0x80 < 0xC0: passed", "0x80 < 0xC0 ✓"] */
  readonly verdict: readonly string[] | null;
  /** the chosen NMI is still pending or being handled: its path stays lit */
  readonly live: boolean;
}

export interface DiagramInput {
  /** px available; the drawing is laid out for it at 1:1, never scaled down */
  readonly width: number;
  /** body size in px (14 normally, 28 in presenter mode); the smallest text is 6/7 of it, ≥ 12 */
  readonly fontSize: number;
  readonly spiCount: number;
  readonly spis: readonly InterruptView[];
  readonly hiddenSpis: number;
  readonly pes: readonly DiagramPe[];
  /** every PE of the machine (with more than 8 only the selected one is drawn in full) */
  readonly peTotal: number;
  readonly story: DiagramStory;
  /** the ITS, drawn next to the Distributor (null: the GIC has none) */
  readonly its: DiagramIts | null;
  readonly pseudoNmiPriority: number | null;
  readonly selectedKey: string | null;
  readonly selectedPe: number;
}

// ---- what the drawing is made of (output) ----------------------------------------------------

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface TextItem {
  readonly x: number;
  /** baseline */
  readonly y: number;
  readonly text: string;
  readonly size: number;
  readonly bold: boolean;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly tone: Tone;
}

export type BlockKind = 'distributor' | 'its' | 'redistributor' | 'cpu' | 'pe';

export interface BlockItem {
  /** `distributor`, `its`, `redistributor:0`, `cpu:0`, `pe:0` (the data-key tokens travel between) */
  readonly id: string;
  readonly kind: BlockKind;
  readonly pe: number | null;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** its accessible region name: `Distributor`, `Redistributor 0`, `CPU interface 0`, `PE 0` */
  readonly label: string;
  readonly selected: boolean;
  readonly texts: readonly TextItem[];
}

export interface CellItem {
  readonly key: string;
  readonly intid: number;
  readonly pe: number | null;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly state: InterruptState;
  readonly enabled: boolean;
  readonly group: GroupName;
  readonly nmiKind: NmiKind | null;
  readonly selected: boolean;
  /** its part in the NMI story */
  readonly story: 'chosen' | 'next' | null;
  readonly number: TextItem;
  readonly glyph: TextItem | null;
  /** accessible name: "SPI 33 pending, pseudo-NMI priority 0x80" */
  readonly label: string;
  /** tooltip with the rest: priority, group, trigger, name */
  readonly title: string;
  /** the grid it belongs to and its row/column there (arrow keys) */
  readonly grid: string;
  readonly row: number;
  readonly col: number;
}

/** A group of cells that is one tab stop (roving tabindex). */
export interface GridItem {
  readonly id: string;
  readonly label: string;
  readonly keys: readonly string[];
  readonly columns: number;
}

/** `msi`: the ITS's translation on its way to a Redistributor */
export type WireKind = 'bus' | 'spi' | 'msi' | 'forward' | 'irq' | 'fiq' | 'nmi';

export interface WireItem {
  readonly id: string;
  readonly kind: WireKind;
  readonly points: readonly Point[];
  /** it carries something now */
  readonly lit: boolean;
  /** part of the NMI story's path */
  readonly story: boolean;
  readonly arrow: boolean;
  readonly label: TextItem | null;
}

/** A pending interrupt stopped at a stage of its CPU interface (or at the PE's PSTATE). */
export interface ChipItem {
  readonly key: string;
  readonly pe: number;
  /** the block it is drawn in: `cpu:0`, or `pe:0` when PSTATE stops it */
  readonly block: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly mark: LadderMark;
  readonly nmiKind: NmiKind | null;
  readonly text: TextItem;
  readonly label: string;
}

/** The PMR gate and the running-priority bar of a CPU interface. */
export interface BarItem {
  readonly id: string;
  readonly kind: 'pmr' | 'rpr';
  readonly pe: number;
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
  /** something passes it now (drawn with a gap) */
  readonly open: boolean;
  readonly gapX: number;
  readonly label: TextItem;
}

/** One level of a PE's handler stack (the task at the bottom), or one PSTATE mask. */
export interface BoxItem {
  readonly id: string;
  /** `stop`: a translation the ITS dropped (unmapped device, event or collection) */
  readonly kind: 'task' | 'irq' | 'fiq' | 'nmi' | 'mask-set' | 'mask-clear' | 'verdict' | 'stop';
  /** the block it is drawn in */
  readonly block: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly text: TextItem;
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  readonly blocks: readonly BlockItem[];
  readonly cells: readonly CellItem[];
  readonly grids: readonly GridItem[];
  readonly wires: readonly WireItem[];
  readonly chips: readonly ChipItem[];
  readonly bars: readonly BarItem[];
  readonly boxes: readonly BoxItem[];
  /** the level of the SPI bus under the Distributor */
  readonly busY: number;
  /** per PE, the way from the bus (at busY) down to its Redistributor */
  readonly feeds: Readonly<Record<number, readonly Point[]>>;
  /** the ITS's way down to the bus (its bottom, then at busY); null without an ITS */
  readonly itsDrop: readonly Point[] | null;
  /** where tokens enter and leave each block and cell */
  readonly anchors: Readonly<Record<string, { readonly top: Point; readonly bottom: Point }>>;
}
