import type { Gic, GicConfig, GicEvent, ItsCommand } from '../index.ts';
import { encodeItsCommand } from '../index.ts';
import { bootedGic } from './setup.ts';

/**
 * Test support for LPIs and the ITS, on the public API only: tables in memory the way Linux lays
 * them out (IHI 0069 §5.1, §5.2), and commands written to the queue then CWRITER advanced.
 */
export const PROP = 0x40100000;
export const pendTable = (pe: number) => 0x40200000 + pe * 0x10000;
export const CMDQ = 0x40300000;
export const DEVT = 0x40310000;
export const COLT = 0x40320000;
export const ittOf = (deviceId: number) => 0x40400000 + deviceId * 0x1000;
/** GICR_PROPBASER.IDbits: 14 ID bits, LPIs 8192–16383. */
export const ID_BITS = 13;

export interface ItsRig {
  readonly gic: Gic;
  readonly events: GicEvent[];
  /** Writes commands into the queue and advances GITS_CWRITER once. */
  run(...commands: ItsCommand[]): void;
  /** One LPI configuration byte: priority [7:2], RES1 [1], enable [0]. */
  config(intid: number, priority: number, enabled: boolean): void;
  warnings(): string[];
}

export function itsRig(
  config: Partial<GicConfig> = {},
  opts: { flatDeviceTable?: boolean } = {},
): ItsRig {
  const gic = bootedGic({ peCount: 4, spiCount: 64, lpis: true, ...config });
  const events: GicEvent[] = [];
  gic.subscribe((e) => events.push(e));
  for (let intid = 8192; intid < 8192 + 64; intid++) gic.writeMemory(PROP + intid - 8192, 0xa2, 1);
  for (let pe = 0; pe < gic.config.peCount; pe++) {
    gic.writeRedistributor(pe, 0x70, BigInt(PROP | ID_BITS), 8);
    gic.writeRedistributor(pe, 0x78, BigInt(pendTable(pe)), 8);
    gic.writeRedistributor(pe, 0x0, 1, 4);
  }
  if (opts.flatDeviceTable !== false) {
    gic.writeIts(0x100, (1n << 63n) | BigInt(DEVT), 8); // Valid, 4 KB pages, 1 page: 512 devices
  }
  gic.writeIts(0x108, (1n << 63n) | BigInt(COLT), 8);
  gic.writeIts(0x80, (1n << 63n) | BigInt(CMDQ), 8);
  gic.writeIts(0x0, 1, 4);
  let cwriter = 0;
  return {
    gic,
    events,
    run(...commands) {
      for (const c of commands) {
        encodeItsCommand(c).forEach((dw, i) => gic.writeMemory(CMDQ + cwriter + 8 * i, dw, 8));
        cwriter = (cwriter + 32) % 0x1000;
      }
      gic.writeIts(0x88, cwriter, 8);
    },
    config(intid, priority, enabled) {
      gic.writeMemory(PROP + intid - 8192, (priority & 0xfc) | 2 | (enabled ? 1 : 0), 1);
    },
    warnings() {
      return events.flatMap((e) => (e.kind === 'warning' ? [e.code] : []));
    },
  };
}

/** Linux's order (irq-gic-v3-its.c): MAPC per CPU, MAPD per device, MAPTI per vector, SYNC. */
export function mapDevice(
  rig: ItsRig,
  deviceId: number,
  events: [eventId: number, intid: number, icid: number][],
): void {
  rig.run(
    { name: 'MAPD', deviceId, size: 4, ittAddress: ittOf(deviceId), valid: true },
    ...events.map(([eventId, intid, icid]) => ({
      name: 'MAPTI' as const,
      deviceId,
      eventId,
      intid,
      icid,
    })),
    { name: 'SYNC', rdBase: 0 },
  );
}

export function mapCollections(rig: ItsRig): void {
  const pes = rig.gic.config.peCount;
  rig.run(
    ...Array.from({ length: pes }, (_, pe) => ({
      name: 'MAPC' as const,
      icid: pe,
      rdBase: pe,
      valid: true,
    })),
  );
}
