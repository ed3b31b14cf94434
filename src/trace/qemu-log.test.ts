import { describe, expect, it } from 'vitest';
import { describeQemuParseError, parseQemuLog, parseQemuLogLine } from './qemu-log.ts';
import type { QemuTraceRecord } from './qemu-records.ts';

function record(text: string): QemuTraceRecord | null {
  const result = parseQemuLogLine(text, 7);
  if (!result.ok) throw new Error(describeQemuParseError(result.error));
  return result.value;
}

// Expected records are written as plain objects: affinities and INTIDs are branded numbers.
const base = { line: 7, timestamp: null };

describe('parseQemuLogLine', () => {
  it.each<[string, string, object]>([
    [
      'distributor read',
      'gicv3_dist_read GICv3 distributor read: offset 0x4 data 0x37a0007 size 4 secure 0',
      { ...base, kind: 'dist-read', offset: 4, value: 0x37a0007n, size: 4, secure: false },
    ],
    [
      'distributor write, 64-bit',
      'gicv3_dist_write GICv3 distributor write: offset 0x6150 data 0x100000001 size 8 secure 1',
      { ...base, kind: 'dist-write', offset: 0x6150, value: 0x100000001n, size: 8, secure: true },
    ],
    [
      'distributor bad read (RAZ)',
      'gicv3_dist_badread GICv3 distributor read: offset 0xc size 4 secure 0: error',
      { ...base, kind: 'dist-bad-read', offset: 0xc, size: 4, secure: false },
    ],
    [
      'distributor bad write (WI)',
      'gicv3_dist_badwrite GICv3 distributor write: offset 0xf00 data 0x1 size 2 secure 0: error',
      { ...base, kind: 'dist-bad-write', offset: 0xf00, value: 1n, size: 2, secure: false },
    ],
    [
      'SPI line change',
      'gicv3_dist_set_irq GICv3 distributor interrupt 34 level changed to 1',
      { ...base, kind: 'dist-set-irq', intid: 34, level: true },
    ],
    [
      'redistributor read, affinity 1.0 (CPU 16)',
      'gicv3_redist_read GICv3 redistributor 0x100 read: offset 0x10200 data 0x8000000 size 4 secure 0',
      {
        ...base,
        kind: 'redist-read',
        affinity: 0x100,
        offset: 0x10200,
        value: 0x8000000n,
        size: 4,
        secure: false,
      },
    ],
    [
      'redistributor bad read',
      'gicv3_redist_badread GICv3 redistributor 0x1 read: offset 0x10f80 size 4 secure 0: error',
      { ...base, kind: 'redist-bad-read', affinity: 1, offset: 0x10f80, size: 4, secure: false },
    ],
    [
      'PPI line change',
      'gicv3_redist_set_irq GICv3 redistributor 0x0 interrupt 27 level changed to 0',
      { ...base, kind: 'redist-set-irq', affinity: 0, intid: 27, level: false },
    ],
    [
      'SGI made pending',
      'gicv3_redist_send_sgi GICv3 redistributor 0x1 pending SGI 6',
      { ...base, kind: 'redist-send-sgi', affinity: 1, intid: 6 },
    ],
    [
      'ICC_IAR1_EL1 read returning the spurious INTID',
      'gicv3_icc_iar1_read GICv3 ICC_IAR1 read cpu 0x1 value 0x3ff',
      { ...base, kind: 'icc-read', affinity: 1, register: 'ICC_IAR1_EL1', value: 1023n },
    ],
    [
      'ICC_AP1R0_EL1 write',
      'gicv3_icc_ap_write GICv3 ICC_AP1R0 write cpu 0x0 value 0x100000',
      { ...base, kind: 'icc-write', affinity: 0, register: 'ICC_AP1R0_EL1', value: 0x100000n },
    ],
    [
      'ICC_BPR1_EL1 read',
      'gicv3_icc_bpr_read GICv3 ICC_BPR1 read cpu 0x0 value 0x3',
      { ...base, kind: 'icc-read', affinity: 0, register: 'ICC_BPR1_EL1', value: 3n },
    ],
    [
      'ICC_EOIR0_EL1 write',
      'gicv3_icc_eoir_write GICv3 ICC_EOIR0 write cpu 0x0 value 0x28',
      { ...base, kind: 'icc-write', affinity: 0, register: 'ICC_EOIR0_EL1', value: 40n },
    ],
    [
      'ICC_IGRPEN1_EL3 write',
      'gicv3_icc_igrpen1_el3_write GICv3 ICC_IGRPEN1_EL3 write cpu 0x0 value 0x3',
      { ...base, kind: 'icc-write', affinity: 0, register: 'ICC_IGRPEN1_EL3', value: 3n },
    ],
    [
      'SGI generation with Aff3.Aff2.Aff1 and a target list',
      'gicv3_icc_generate_sgi GICv3 CPU i/f 0x0 generating SGI 1 IRM 0 target affinity 0x30201xx targetlist 0xe',
      {
        ...base,
        kind: 'generate-sgi',
        affinity: 0,
        intid: 1,
        irm: false,
        aff1: 1,
        aff2: 2,
        aff3: 3,
        targetList: 0xe,
      },
    ],
    [
      'HPPI update naming a Non-secure Group 1 interrupt',
      'gicv3_cpuif_update GICv3 CPU i/f 0x1 HPPI update: irq 27 group 2 prio 160',
      {
        ...base,
        kind: 'cpuif-update',
        affinity: 1,
        hppi: { intid: 27, group: 'G1NS', priority: 160 },
      },
    ],
    [
      'HPPI update with prio 255: nothing pending, the irq is stale',
      'gicv3_cpuif_update GICv3 CPU i/f 0x0 HPPI update: irq 27 group 0 prio 255',
      { ...base, kind: 'cpuif-update', affinity: 0, hppi: null },
    ],
    [
      'output lines',
      'gicv3_cpuif_set_irqs GICv3 CPU i/f 0x0 HPPI update: setting FIQ 0 IRQ 1',
      { ...base, kind: 'cpuif-set-irqs', affinity: 0, fiq: false, irq: true },
    ],
    [
      'CPU reset marker from -d cpu_reset',
      'CPU Reset (CPU 1)',
      { ...base, kind: 'cpu-reset', cpuIndex: 1 },
    ],
    [
      'ITS SYNC (no operands logged)',
      'gicv3_its_cmd_sync GICv3 ITS: command SYNC',
      { ...base, kind: 'its-command', command: { name: 'SYNC' } },
    ],
    [
      'ITS MAPD: ITT_addr is logged shifted right by 8',
      'gicv3_its_cmd_mapd GICv3 ITS: command MAPD DeviceID 0x8 Size 0x1 ITT_addr 0x427c30 V 1',
      {
        ...base,
        kind: 'its-command',
        command: { name: 'MAPD', deviceId: 8, size: 1, ittAddress: 0x427c3000, valid: true },
      },
    ],
    [
      'ITS MAPTI',
      'gicv3_its_cmd_mapti GICv3 ITS: command MAPTI DeviceID 0x2 EventID 0x14 ICID 0x0 pINTID 0x2003',
      {
        ...base,
        kind: 'its-command',
        command: { name: 'MAPTI', deviceId: 2, eventId: 20, icid: 0, intid: 8195 },
      },
    ],
    [
      'ITS command read from the queue',
      'gicv3_its_process_command GICv3 ITS: processing command at offset 0x1f: 0xd',
      { ...base, kind: 'its-process-command', slot: 31, number: 13 },
    ],
    [
      'ITS register read',
      'gicv3_its_read GICv3 ITS read: offset 0x8 data 0x1f0001efb1 size 8',
      { ...base, kind: 'its-read', offset: 8, size: 8, value: 0x1f0001efb1n },
    ],
    [
      'ITS bad read',
      'gicv3_its_badread GICv3 ITS read: offset 0x0 size 8: error',
      { ...base, kind: 'its-bad-read', offset: 0, size: 8 },
    ],
    [
      'GITS_TRANSLATER write with the requester ID',
      'gicv3_its_translation_write GICv3 ITS TRANSLATER write: offset 0x40 data 0x1 size 4 requester_id 0x8',
      { ...base, kind: 'its-translation-write', offset: 0x40, value: 1n, size: 4, requesterId: 8 },
    ],
    [
      'ITS table entry read',
      'gicv3_its_cte_read GICv3 ITS: Collection Table read for ICID 0x1: valid 1 RDBase 0x1',
      {
        ...base,
        kind: 'its-table',
        access: 'read',
        entry: { table: 'collection', icid: 1, valid: true, rdBase: 1 },
      },
    ],
    [
      'guest memory write added by the recording',
      'gicscope_guest_write guest memory write: addr 0x425b0000 data 0xa2a2a2a2a2a2a3a3 size 8',
      {
        ...base,
        kind: 'guest-write',
        address: 0x425b0000,
        value: 0xa2a2a2a2a2a2a3a3n,
        size: 8,
      },
    ],
    [
      'GICv4 ITS event: known, not modelled',
      'gicv3_its_cmd_vsync GICv3 ITS: command VSYNC',
      { ...base, kind: 'unmodelled', event: 'gicv3_its_cmd_vsync' },
    ],
    [
      'virtual CPU interface event: known, not modelled',
      'gicv3_cpuif_virt_update GICv3 CPU i/f 0x0 virt HPPI update LR index -1 HPPVLPI 0 grp 0 prio 255',
      { ...base, kind: 'unmodelled', event: 'gicv3_cpuif_virt_update' },
    ],
  ])('%s', (_, text, expected) => {
    expect(record(text)).toEqual(expected);
  });

  it('reads the PID@SECONDS.MICROSECONDS: prefix of older QEMU releases', () => {
    expect(
      record('4711@1700000000.012345:gicv3_icc_rpr_read GICv3 ICC_RPR read cpu 0x0 value 0xa0'),
    ).toEqual({
      line: 7,
      timestamp: { pid: 4711, seconds: 1700000000, microseconds: 12345 },
      kind: 'icc-read',
      affinity: 0,
      register: 'ICC_RPR_EL1',
      value: 0xa0n,
    });
  });

  it('tolerates a carriage return at the end of the line', () => {
    expect(record('gicv3_icc_pmr_read GICv3 ICC_PMR read cpu 0x0 value 0xf0\r')).toMatchObject({
      register: 'ICC_PMR_EL1',
      value: 0xf0n,
    });
  });

  it.each([
    'Booting Linux on physical CPU 0x0000000000 [0x411fd070]',
    'X00=0000000000000000 X01=0000000000000000',
    'arm_gt_recalc timer 1 irqstate 0 next tick 1234',
    '',
  ])('skips a line that is not a gicv3 event: %j', (text) => {
    expect(parseQemuLogLine(text, 1)).toEqual({ ok: true, value: null });
  });

  it.each<[string, string, string]>([
    [
      'a truncated distributor read',
      'gicv3_dist_read GICv3 distributor read: offset 0x4 data 0x37a',
      'GICv3 distributor read: offset 0x%x data 0x%x size %u secure %d',
    ],
    [
      'an access size that is not 1, 2, 4 or 8',
      'gicv3_dist_read GICv3 distributor read: offset 0x4 data 0x0 size 3 secure 0',
      'size 3 (1, 2, 4 or 8)',
    ],
    [
      'an unknown group number',
      'gicv3_cpuif_update GICv3 CPU i/f 0x0 HPPI update: irq 27 group 3 prio 160',
      'group 3 (0, 1 or 2)',
    ],
    [
      'an active-priority register beyond AP1R3',
      'gicv3_icc_ap_read GICv3 ICC_AP1R4 read cpu 0x0 value 0x0',
      'a GICv3 CPU interface register (not ICC_AP1R4_EL1)',
    ],
  ])('reports %s with the line number and what was expected', (_, text, expected) => {
    const result = parseQemuLogLine(text, 42);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ line: 42, expected, text });
    expect(describeQemuParseError(result.error)).toContain('line 42: gicv3_');
  });

  it('reports a gicv3 name with no message', () => {
    expect(parseQemuLogLine('gicv3_dist_read', 3)).toEqual({
      ok: false,
      error: {
        line: 3,
        event: null,
        expected: 'a gicv3_* event name, one space, then its message',
        text: 'gicv3_dist_read',
      },
    });
  });
});

describe('parseQemuLog', () => {
  it('numbers lines from 1, skips foreign lines and collects errors without stopping', () => {
    const log = [
      'CPU Reset (CPU 0)',
      'X00=0000000000000000',
      'gicv3_icc_iar1_read GICv3 ICC_IAR1 read cpu 0x0 value 0x1b',
      'gicv3_icc_iar1_read GICv3 ICC_IAR1 read cpu 0x0 value zzz',
      'gicv3_icc_eoir_write GICv3 ICC_EOIR1 write cpu 0x0 value 0x1b',
      '',
    ].join('\n');
    const parsed = parseQemuLog(log);
    expect(parsed.lineCount).toBe(5);
    expect(parsed.records.map((r) => [r.line, r.kind])).toEqual([
      [1, 'cpu-reset'],
      [3, 'icc-read'],
      [5, 'icc-write'],
    ]);
    expect(parsed.errors.map((e) => [e.line, e.event])).toEqual([[4, 'gicv3_icc_iar1_read']]);
  });
});
