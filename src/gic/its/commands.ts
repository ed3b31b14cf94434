/**
 * ITS command decoding (IHI 0069 §5.3, table 5-?: "ITS commands"): a command is 32 bytes, four
 * little-endian doublewords; the command number is DW0 [7:0]. A pure kernel: bytes in, a
 * discriminated union out, no state.
 */

/** Physical ITS command numbers (IHI 0069 §5.3; reference §3.5). */
export const ITS_COMMAND_NUMBERS = {
  MOVI: 0x01,
  INT: 0x03,
  CLEAR: 0x04,
  SYNC: 0x05,
  MAPD: 0x08,
  MAPC: 0x09,
  MAPTI: 0x0a,
  MAPI: 0x0b,
  INV: 0x0c,
  INVALL: 0x0d,
  MOVALL: 0x0e,
  DISCARD: 0x0f,
} as const;

export type ItsCommandName = keyof typeof ITS_COMMAND_NUMBERS;

/** One decoded command; fields keep the spec's names. Addresses are plain numbers (< 2^52). */
export type ItsCommand =
  | {
      readonly name: 'MAPD';
      readonly deviceId: number;
      readonly size: number;
      readonly ittAddress: number;
      readonly valid: boolean;
    }
  | {
      readonly name: 'MAPC';
      readonly icid: number;
      readonly rdBase: number;
      readonly valid: boolean;
    }
  | {
      readonly name: 'MAPTI';
      readonly deviceId: number;
      readonly eventId: number;
      readonly intid: number;
      readonly icid: number;
    }
  | {
      readonly name: 'MAPI';
      readonly deviceId: number;
      readonly eventId: number;
      readonly icid: number;
    }
  | {
      readonly name: 'INT' | 'CLEAR' | 'DISCARD' | 'INV';
      readonly deviceId: number;
      readonly eventId: number;
    }
  | { readonly name: 'INVALL'; readonly icid: number }
  | {
      readonly name: 'MOVI';
      readonly deviceId: number;
      readonly eventId: number;
      readonly icid: number;
    }
  | { readonly name: 'MOVALL'; readonly rdBase1: number; readonly rdBase2: number }
  | { readonly name: 'SYNC'; readonly rdBase: number }
  | { readonly name: 'unknown'; readonly number: number };

/** A doubleword as two 32-bit halves (avoids a bigint per command). */
export interface Dword {
  readonly lo: number;
  readonly hi: number;
}

/** Bits [hiBit:loBit] of a doubleword as a number (at most 52 bits wide, so exact in a double). */
export function field(d: Dword, hiBit: number, loBit: number): number {
  // Mask before combining: a set bit 63 (V) would otherwise round the low bits away.
  const hi = hiBit >= 32 ? (d.hi >>> 0) % 2 ** Math.min(hiBit - 31, 32) : 0;
  const lo = hiBit >= 31 ? d.lo >>> 0 : (d.lo >>> 0) % 2 ** (hiBit + 1);
  return Math.floor((hi * 0x100000000 + lo) / 2 ** loBit);
}

export function decodeItsCommand(dw: readonly [Dword, Dword, Dword, Dword]): ItsCommand {
  const [d0, d1, d2, d3] = dw;
  const number = d0.lo & 0xff;
  const deviceId = d0.hi >>> 0;
  const eventId = d1.lo >>> 0;
  const icid = d2.lo & 0xffff;
  const valid = d2.hi >>> 31 === 1;
  switch (number) {
    case ITS_COMMAND_NUMBERS.MAPD:
      return {
        name: 'MAPD',
        deviceId,
        size: d1.lo & 0x1f,
        ittAddress: field(d2, 51, 8) * 256,
        valid,
      };
    case ITS_COMMAND_NUMBERS.MAPC:
      return { name: 'MAPC', icid, rdBase: field(d2, 51, 16), valid };
    case ITS_COMMAND_NUMBERS.MAPTI:
      return { name: 'MAPTI', deviceId, eventId, intid: d1.hi >>> 0, icid };
    case ITS_COMMAND_NUMBERS.MAPI:
      return { name: 'MAPI', deviceId, eventId, icid };
    case ITS_COMMAND_NUMBERS.INT:
      return { name: 'INT', deviceId, eventId };
    case ITS_COMMAND_NUMBERS.CLEAR:
      return { name: 'CLEAR', deviceId, eventId };
    case ITS_COMMAND_NUMBERS.DISCARD:
      return { name: 'DISCARD', deviceId, eventId };
    case ITS_COMMAND_NUMBERS.INV:
      return { name: 'INV', deviceId, eventId };
    case ITS_COMMAND_NUMBERS.INVALL:
      return { name: 'INVALL', icid };
    case ITS_COMMAND_NUMBERS.MOVI:
      return { name: 'MOVI', deviceId, eventId, icid };
    case ITS_COMMAND_NUMBERS.MOVALL:
      return { name: 'MOVALL', rdBase1: field(d2, 51, 16), rdBase2: field(d3, 51, 16) };
    case ITS_COMMAND_NUMBERS.SYNC:
      return { name: 'SYNC', rdBase: field(d2, 51, 16) };
    default:
      return { name: 'unknown', number };
  }
}

/** The four doublewords of a command, for guests (the machine's driver) and tests. */
export function encodeItsCommand(c: ItsCommand): [bigint, bigint, bigint, bigint] {
  const n = (name: ItsCommandName): bigint => BigInt(ITS_COMMAND_NUMBERS[name]);
  const dev = (d: number) => BigInt(d) << 32n;
  const rd = (r: number) => BigInt(r) << 16n;
  const v = (b: boolean) => (b ? 1n << 63n : 0n);
  switch (c.name) {
    case 'MAPD':
      return [
        n('MAPD') | dev(c.deviceId),
        BigInt(c.size),
        v(c.valid) | (BigInt(c.ittAddress) & 0xfffffffffff00n),
        0n,
      ];
    case 'MAPC':
      return [n('MAPC'), 0n, v(c.valid) | rd(c.rdBase) | BigInt(c.icid), 0n];
    case 'MAPTI':
      return [
        n('MAPTI') | dev(c.deviceId),
        (BigInt(c.intid) << 32n) | BigInt(c.eventId),
        BigInt(c.icid),
        0n,
      ];
    case 'MAPI':
      return [n('MAPI') | dev(c.deviceId), BigInt(c.eventId), BigInt(c.icid), 0n];
    case 'INT':
    case 'CLEAR':
    case 'DISCARD':
    case 'INV':
      return [n(c.name) | dev(c.deviceId), BigInt(c.eventId), 0n, 0n];
    case 'INVALL':
      return [n('INVALL'), 0n, BigInt(c.icid), 0n];
    case 'MOVI':
      return [n('MOVI') | dev(c.deviceId), BigInt(c.eventId), BigInt(c.icid), 0n];
    case 'MOVALL':
      return [n('MOVALL'), 0n, rd(c.rdBase1), rd(c.rdBase2)];
    case 'SYNC':
      return [n('SYNC'), 0n, rd(c.rdBase), 0n];
    case 'unknown':
      return [BigInt(c.number & 0xff), 0n, 0n, 0n];
  }
}

/** One line for logs and the view: "MAPTI DeviceID 0x8 EventID 0x1 → LPI 8193, ICID 0". */
export function describeItsCommand(c: ItsCommand): string {
  const h = (x: number) => `0x${x.toString(16)}`;
  switch (c.name) {
    case 'MAPD':
      return `MAPD DeviceID ${h(c.deviceId)} ${c.valid ? `→ ITT ${h(c.ittAddress)}, ${2 ** (c.size + 1)} events` : 'V=0 (unmap)'}`;
    case 'MAPC':
      return `MAPC ICID ${c.icid} ${c.valid ? `→ RDbase ${h(c.rdBase)}` : 'V=0 (unmap)'}`;
    case 'MAPTI':
      return `MAPTI DeviceID ${h(c.deviceId)} EventID ${h(c.eventId)} → LPI ${c.intid}, ICID ${c.icid}`;
    case 'MAPI':
      return `MAPI DeviceID ${h(c.deviceId)} EventID ${h(c.eventId)} → LPI ${c.eventId}, ICID ${c.icid}`;
    case 'INT':
    case 'CLEAR':
    case 'DISCARD':
    case 'INV':
      return `${c.name} DeviceID ${h(c.deviceId)} EventID ${h(c.eventId)}`;
    case 'INVALL':
      return `INVALL ICID ${c.icid}`;
    case 'MOVI':
      return `MOVI DeviceID ${h(c.deviceId)} EventID ${h(c.eventId)} → ICID ${c.icid}`;
    case 'MOVALL':
      return `MOVALL RDbase ${h(c.rdBase1)} → ${h(c.rdBase2)}`;
    case 'SYNC':
      return `SYNC RDbase ${h(c.rdBase)}`;
    case 'unknown':
      return `unknown command ${h(c.number)}`;
  }
}
