/**
 * Shape of the register catalogue: GICv3 facts as data, from which the UI generates register
 * panels and the model names registers in events.
 */
export type RegisterFrame = 'GICD' | 'GICR_RD' | 'GICR_SGI' | 'ICC' | 'GITS' | 'GITS_TRANSLATION';

/**
 * RW: read/write. RO/WO: read-only / write-only. W1S/W1C: write 1 to set / clear, reads the
 * state. RAZ/WI: reads as zero, writes ignored (in this model).
 */
export type AccessKind = 'RW' | 'RO' | 'WO' | 'W1S' | 'W1C' | 'RAZ/WI';

export interface RegisterField {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  readonly access?: AccessKind;
  readonly description: string;
  /** The field repeats every `repeat` bits across [hi:lo]; `<x>` in its name is the index. */
  readonly repeat?: 1 | 2 | 8;
}

/** How a register array maps onto INTIDs (for bitmap/priority/config registers). */
export interface IntIdLayout {
  /** Bits per INTID: 1 (bitmaps), 2 (ICFGR, NSACR), 8 (IPRIORITYR), 64 (IROUTER). */
  readonly bitsPerIntId: 1 | 2 | 8 | 64;
  /** INTID described by bit 0 of instance 0. */
  readonly firstIntId: number;
}

export interface RegisterSpec {
  /** Spec mnemonic; arrays use `<n>`, e.g. 'GICD_ISENABLER<n>'. */
  readonly name: string;
  readonly frame: RegisterFrame;
  /** Offset of instance 0 inside its frame (GICR_SGI: from SGI_base). */
  readonly offset: number;
  /** Number of instances (1 for a single register). */
  readonly count: number;
  /** Bytes between instances. */
  readonly stride: number;
  readonly width: 32 | 64;
  readonly access: AccessKind;
  /** Access sizes in bytes that the model accepts. */
  readonly sizes: readonly (1 | 4 | 8)[];
  /** Reset value, or a description when it depends on configuration/profile. */
  readonly reset: number | string;
  readonly summary: string;
  /** Reference section in ../shared/reference/gicv3.md (which cites IHI 0069 and QEMU). */
  readonly source: string;
  readonly perIntId?: IntIdLayout;
  readonly fields: readonly RegisterField[];
  /** Named alternative field layouts, e.g. GICD_CTLR's Secure / Non-secure / DS=1 views. */
  readonly views?: Readonly<Record<string, readonly RegisterField[]>>;
}

export interface SysregSpec {
  readonly name: string;
  readonly frame: 'ICC';
  readonly encoding: {
    readonly op0: 3;
    readonly op1: 0 | 6;
    readonly crn: 4 | 12;
    readonly crm: number;
    readonly op2: number;
  };
  readonly width: 64;
  readonly access: 'RW' | 'RO' | 'WO';
  /** Banked by security state (Secure and Non-secure copies). */
  readonly banked: boolean;
  readonly reset: number | string;
  readonly summary: string;
  readonly source: string;
  /** Reading has side effects (acknowledge). */
  readonly readSideEffects?: boolean;
  readonly fields: readonly RegisterField[];
}
