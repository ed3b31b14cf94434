import { describe, expect, it } from 'vitest';
import { createGic } from './gic.ts';
import { bootedGic, eoir1, iar1, setUpPrivate, setUpSpi, warningsDuring } from './testing/setup.ts';

describe('ICC_PMR_EL1 (reference §4.3, §4.5 3b)', () => {
  it.each([
    [0xa0, 0xa8, true],
    [0xa0, 0xa0, false],
    [0xa0, 0x90, false],
    [0x00, 0x08, true],
  ])('priority %i with PMR %i › signalled: %s', (prio, pmr, signalled) => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: prio });
    gic.writeSysreg(0, 'ICC_PMR_EL1', pmr);
    gic.setLevel(40, true);
    expect(gic.outputs(0).irq).toBe(signalled);
    expect(iar1(gic, 0)).toBe(signalled ? 40 : 1023);
  });

  it('keeps only the implemented priority bits (5 bits: 0xff reads 0xf8)', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeSysreg(0, 'ICC_PMR_EL1', 0xff);
    expect(gic.readSysreg(0, 'ICC_PMR_EL1')).toBe(0xf8n);
  });

  it('resets to 0: everything masked', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(gic.readSysreg(0, 'ICC_PMR_EL1')).toBe(0n);
  });

  it('Non-secure view with DS=0: NS writes store 0x80|v>>1, NS reads return v<<1', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeSysreg(0, 'ICC_PMR_EL1', 0xff, { secure: true });
    gic.writeSysreg(0, 'ICC_PMR_EL1', 0xc0);
    expect(gic.cpuInterface(0).pmr).toBe(0xe0);
    expect(gic.readSysreg(0, 'ICC_PMR_EL1')).toBe(0xc0n);
    expect(gic.readSysreg(0, 'ICC_PMR_EL1', { secure: true })).toBe(0xe0n);
  });

  it('Non-secure writes are ignored while PMR holds a Secure-half value', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeSysreg(0, 'ICC_PMR_EL1', 0x40, { secure: true });
    gic.writeSysreg(0, 'ICC_PMR_EL1', 0xf0);
    expect(gic.cpuInterface(0).pmr).toBe(0x40);
    expect(gic.readSysreg(0, 'ICC_PMR_EL1')).toBe(0n);
  });
});

describe('ICC_BPR0/1_EL1 and preemption (reference §4.3, §4.5)', () => {
  it('BPR1 reset and minimum with 5 priority bits: BPR0 2, BPR1 3; writes below are raised', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(gic.readSysreg(0, 'ICC_BPR0_EL1')).toBe(2n);
    expect(gic.readSysreg(0, 'ICC_BPR1_EL1')).toBe(3n);
    gic.writeSysreg(0, 'ICC_BPR1_EL1', 0);
    expect(gic.readSysreg(0, 'ICC_BPR1_EL1')).toBe(3n);
  });

  it.each([
    [4, 3, 4],
    [8, 0, 1],
    [6, 1, 2],
  ])('%s priority bits › minimum BPR0 %s, BPR1 %s', (bits, bpr0, bpr1) => {
    const gic = createGic({ peCount: 1, spiCount: 32, priorityBits: bits });
    expect(gic.readSysreg(0, 'ICC_BPR0_EL1')).toBe(BigInt(bpr0));
    expect(gic.readSysreg(0, 'ICC_BPR1_EL1')).toBe(BigInt(bpr1));
  });

  it('a higher group priority preempts the running interrupt', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: 0xa0, trigger: 'edge' });
    setUpSpi(gic, 41, { priority: 0x90, trigger: 'edge' });
    gic.setLevel(40, true);
    expect(iar1(gic, 0)).toBe(40);
    gic.setLevel(41, true);
    expect(gic.outputs(0).irq).toBe(true);
    expect(iar1(gic, 0)).toBe(41);
  });

  it('an equal group priority with a better subpriority does not preempt (BPR1 = 5: group = bits [7:5])', () => {
    const gic = bootedGic();
    gic.writeSysreg(0, 'ICC_BPR1_EL1', 5);
    setUpSpi(gic, 40, { priority: 0xb0, trigger: 'edge' });
    setUpSpi(gic, 41, { priority: 0xa8, trigger: 'edge' });
    gic.setLevel(40, true);
    expect(iar1(gic, 0)).toBe(40);
    gic.setLevel(41, true);
    expect(gic.outputs(0).irq).toBe(false);
    expect(iar1(gic, 0)).toBe(1023);
    eoir1(gic, 0, 40);
    expect(iar1(gic, 0)).toBe(41);
  });

  it('subpriority still orders pending interrupts', () => {
    const gic = bootedGic();
    gic.writeSysreg(0, 'ICC_BPR1_EL1', 7);
    setUpSpi(gic, 40, { priority: 0xb0 });
    setUpSpi(gic, 41, { priority: 0xa8 });
    gic.setLevel(40, true);
    gic.setLevel(41, true);
    expect(gic.cpuInterface(0).hppi?.intid).toBe(41);
  });

  it('CBPR=1 › Group 1 uses BPR0; BPR1 reads BPR0+1 and ignores writes', () => {
    const gic = bootedGic();
    gic.writeSysreg(0, 'ICC_CTLR_EL1', 1);
    gic.writeSysreg(0, 'ICC_BPR0_EL1', 4);
    expect(gic.readSysreg(0, 'ICC_BPR1_EL1')).toBe(5n);
    gic.writeSysreg(0, 'ICC_BPR1_EL1', 7);
    expect(gic.cpuInterface(0).bpr1Ns).toBe(3);
  });

  it('APR bit per group priority: priority 0xa0 with 5 bits sets AP1R0 bit 20 (0xa0 >> 3)', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: 0xa0 });
    gic.setLevel(40, true);
    iar1(gic, 0);
    expect(gic.readSysreg(0, 'ICC_AP1R0_EL1')).toBe(1n << 20n);
    expect(gic.readSysreg(0, 'ICC_RPR_EL1')).toBe(0xa0n);
  });
});

describe('ICC_IAR1_EL1 / ICC_HPPIR1_EL1 (reference §4.6)', () => {
  it('ICC_IAR1_EL1 › returns 1023 when nothing is pending', () => {
    const gic = bootedGic();
    expect(iar1(gic, 0)).toBe(1023);
  });

  it('ICC_IAR1_EL1 › returns 1023 when the HPPI cannot preempt the running priority', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: 0x80 });
    setUpSpi(gic, 41, { priority: 0xa0 });
    gic.setLevel(40, true);
    iar1(gic, 0);
    gic.setLevel(41, true);
    expect(iar1(gic, 0)).toBe(1023);
    expect(gic.readSysreg(0, 'ICC_HPPIR1_EL1')).toBe(41n);
  });

  it('ICC_HPPIR1_EL1 › reports the HPPI without acknowledging it', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40);
    gic.setLevel(40, true);
    expect(gic.readSysreg(0, 'ICC_HPPIR1_EL1')).toBe(40n);
    expect(gic.interrupt(40).active).toBe(false);
  });

  it('ICC_IAR1_EL1 › returns 1023 for a Group 0 HPPI; ICC_IAR0_EL1 acknowledges it', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { group: 'G0' });
    gic.setLevel(40, true);
    expect(gic.outputs(0)).toEqual({ irq: false, fiq: true, nmi: false });
    expect(iar1(gic, 0)).toBe(1023);
    expect(gic.readSysreg(0, 'ICC_IAR0_EL1')).toBe(40n);
  });

  it('tie-break › equal priorities: the lowest INTID wins (SGI/PPI before SPI)', () => {
    const gic = bootedGic();
    setUpSpi(gic, 33, { priority: 0x80 });
    setUpPrivate(gic, 0, 20, { priority: 0x80 });
    gic.setLevel(33, true);
    gic.setLevel(20, true, 0);
    expect(gic.cpuInterface(0).hppi?.intid).toBe(20);
  });

  it('IAR0 at EL3 › returns 1021 for a pending Non-secure Group 1 HPPI, 1020 for Secure Group 1', () => {
    const gic = bootedGic({ securityExtensions: true });
    gic.writeSysreg(0, 'ICC_IGRPEN0_EL1', 0, { secure: true });
    setUpSpi(gic, 40, { group: 'G1NS' });
    gic.setLevel(40, true);
    expect(gic.readSysreg(0, 'ICC_HPPIR0_EL1', { el3: true })).toBe(1021n);
    gic.writeDistributor(0x184, 1 << 8, 4, { secure: true });
    setUpSpi(gic, 41, { group: 'G1S' });
    gic.setLevel(41, true);
    expect(gic.readSysreg(0, 'ICC_HPPIR0_EL1', { el3: true })).toBe(1020n);
    expect(gic.readSysreg(0, 'ICC_IAR0_EL1', { el3: true })).toBe(1020n);
    expect(gic.interrupt(41).active).toBe(false);
  });
});

describe('ICC_EOIR1_EL1 / ICC_DIR_EL1 and EOImode (reference §4.6)', () => {
  it('EOImode=0 › EOIR drops the priority and deactivates', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { trigger: 'edge' });
    gic.setLevel(40, true);
    iar1(gic, 0);
    eoir1(gic, 0, 40);
    expect(gic.cpuInterface(0).runningPriority).toBe(0xff);
    expect(gic.interrupt(40).active).toBe(false);
  });

  it('EOImode=1 › EOIR only drops the priority; DIR deactivates', () => {
    const gic = bootedGic();
    gic.writeSysreg(0, 'ICC_CTLR_EL1', 2);
    setUpSpi(gic, 40, { trigger: 'edge' });
    gic.setLevel(40, true);
    iar1(gic, 0);
    eoir1(gic, 0, 40);
    expect(gic.cpuInterface(0).runningPriority).toBe(0xff);
    expect(gic.interrupt(40).active).toBe(true);
    gic.writeSysreg(0, 'ICC_DIR_EL1', 40);
    expect(gic.interrupt(40).active).toBe(false);
  });

  it('EOImode=1 › a dropped but active interrupt is not re-signalled until DIR', () => {
    const gic = bootedGic();
    gic.writeSysreg(0, 'ICC_CTLR_EL1', 2);
    setUpSpi(gic, 40, { trigger: 'edge' });
    gic.setLevel(40, true);
    gic.setLevel(40, false);
    iar1(gic, 0);
    gic.setLevel(40, true);
    eoir1(gic, 0, 40);
    expect(gic.outputs(0).irq).toBe(false);
    gic.writeSysreg(0, 'ICC_DIR_EL1', 40);
    expect(gic.outputs(0).irq).toBe(true);
  });

  it('DIR with EOImode=0 › ignored with a warning', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40);
    gic.setLevel(40, true);
    iar1(gic, 0);
    expect(warningsDuring(gic, () => gic.writeSysreg(0, 'ICC_DIR_EL1', 40))).toEqual([
      'dir-with-eoimode-0',
    ]);
    expect(gic.interrupt(40).active).toBe(true);
  });

  it('EOI of an interrupt that is not active › warns, still drops the priority', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40);
    gic.setLevel(40, true);
    iar1(gic, 0);
    expect(warningsDuring(gic, () => eoir1(gic, 0, 41))).toEqual(['eoi-not-active']);
    expect(gic.cpuInterface(0).runningPriority).toBe(0xff);
  });

  it('EOIR with nothing active › warns and changes nothing', () => {
    const gic = bootedGic();
    expect(warningsDuring(gic, () => eoir1(gic, 0, 40))).toEqual(['eoi-no-active-priority']);
  });

  it('EOIR of a special INTID (1023) › ignored', () => {
    const gic = bootedGic();
    expect(warningsDuring(gic, () => eoir1(gic, 0, 1023))).toEqual(['eoi-intid-out-of-range']);
  });

  it('nested handlers drop priorities innermost first', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40, { priority: 0xa0, trigger: 'edge' });
    setUpSpi(gic, 41, { priority: 0x80, trigger: 'edge' });
    gic.setLevel(40, true);
    iar1(gic, 0);
    gic.setLevel(41, true);
    iar1(gic, 0);
    expect(gic.cpuInterface(0).runningPriority).toBe(0x80);
    eoir1(gic, 0, 41);
    expect(gic.cpuInterface(0).runningPriority).toBe(0xa0);
    eoir1(gic, 0, 40);
    expect(gic.cpuInterface(0).runningPriority).toBe(0xff);
  });
});

describe('ICC_IGRPEN1_EL1 / ICC_CTLR_EL1 / ICC_SRE_EL1', () => {
  it('a group disabled at the CPU interface is not signalled', () => {
    const gic = bootedGic();
    setUpSpi(gic, 40);
    gic.writeSysreg(0, 'ICC_IGRPEN1_EL1', 0);
    gic.setLevel(40, true);
    expect(gic.outputs(0).irq).toBe(false);
    gic.writeSysreg(0, 'ICC_IGRPEN1_EL1', 1);
    expect(gic.outputs(0).irq).toBe(true);
  });

  it('architecture profile › a lower-priority interrupt of an enabled group is forwarded past a disabled group', () => {
    const gic = bootedGic();
    gic.writeSysreg(0, 'ICC_IGRPEN0_EL1', 0);
    setUpSpi(gic, 40, { group: 'G0', priority: 0x10 });
    setUpSpi(gic, 41, { priority: 0xa0 });
    gic.setLevel(40, true);
    gic.setLevel(41, true);
    expect(gic.cpuInterface(0).hppi?.intid).toBe(41);
    expect(gic.outputs(0).irq).toBe(true);
  });

  it('qemu profile › the single cached HPPI of a disabled group blocks signalling (icc_no_enabled_hppi)', () => {
    const gic = bootedGic({ profile: 'qemu' });
    gic.writeSysreg(0, 'ICC_IGRPEN0_EL1', 0);
    setUpSpi(gic, 40, { group: 'G0', priority: 0x10 });
    setUpSpi(gic, 41, { priority: 0xa0 });
    gic.setLevel(40, true);
    gic.setLevel(41, true);
    expect(gic.cpuInterface(0).hppi?.intid).toBe(40);
    expect(gic.outputs(0)).toEqual({ irq: false, fiq: false, nmi: false });
    expect(iar1(gic, 0)).toBe(1023);
  });

  it.each([
    ['qemu', 0x8c00n],
    ['architecture', 0x8400n],
  ] as const)('ICC_CTLR_EL1 reset under %s › %s (PRIbits 4, A3V)', (profile, value) => {
    const gic = createGic({ peCount: 1, spiCount: 32, profile });
    expect(gic.readSysreg(0, 'ICC_CTLR_EL1')).toBe(value);
  });

  it('ICC_SRE_EL1 › reads 0x7 (SRE, DFB, DIB RAO/WI)', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeSysreg(0, 'ICC_SRE_EL1', 0);
    expect(gic.readSysreg(0, 'ICC_SRE_EL1')).toBe(7n);
  });

  it('unknown names, read-only writes and write-only reads › RAZ/WI with warnings', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(
      warningsDuring(gic, () => {
        expect(gic.readSysreg(0, 'ICC_BOGUS_EL1')).toBe(0n);
        gic.writeSysreg(0, 'ICC_RPR_EL1', 1);
        expect(gic.readSysreg(0, 'ICC_EOIR1_EL1')).toBe(0n);
        expect(gic.readSysreg(0, 'ICC_AP1R1_EL1')).toBe(0n);
      }),
    ).toEqual(['unknown-sysreg', 'write-to-read-only', 'read-of-write-only', 'unknown-sysreg']);
  });

  it('Group 0 registers are inaccessible to Non-secure software when DS=0', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    expect(warningsDuring(gic, () => gic.readSysreg(0, 'ICC_IAR0_EL1'))).toEqual([
      'insufficient-privilege',
    ]);
  });
});

describe('output lines: Group → IRQ/FIQ (reference §4.2)', () => {
  it.each([
    ['G0', 'non-secure', 'fiq'],
    ['G1S', 'non-secure', 'fiq'],
    ['G1S', 'secure', 'irq'],
    ['G1NS', 'non-secure', 'irq'],
    ['G1NS', 'secure', 'fiq'],
    ['G1S', 'el3', 'fiq'],
  ] as const)('%s interrupt, PE %s › %s', (group, state, line) => {
    const gic = bootedGic({ securityExtensions: true });
    gic.setPeSecurityState(0, state);
    setUpSpi(gic, 40, { group });
    gic.setLevel(40, true);
    const out = gic.outputs(0);
    expect(line === 'fiq' ? out.fiq : out.irq).toBe(true);
    expect(out.nmi).toBe(false);
  });
});
