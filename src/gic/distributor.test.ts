import { describe, expect, it } from 'vitest';
import { createGic } from './gic.ts';
import { bootedGic, setUpSpi, warningsDuring } from './testing/setup.ts';

describe('GICD_CTLR views (reference §2.2)', () => {
  it('DS=1 › resets to DS|ARE (0x50); Linux init (0x13) reads back 0x53', () => {
    const gic = createGic({ peCount: 2, spiCount: 224 });
    expect(gic.readDistributor(0, 4)).toBe(0x50n);
    gic.writeDistributor(0, 0x13, 4);
    expect(gic.readDistributor(0, 4)).toBe(0x53n);
  });

  it('DS=0 Secure view › resets to ARE_S|ARE_NS; EnableGrp0/1NS/1S writable', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    expect(gic.readDistributor(0, 4, { secure: true })).toBe(0x30n);
    gic.writeDistributor(0, 0x7, 4, { secure: true });
    expect(gic.readDistributor(0, 4, { secure: true })).toBe(0x37n);
  });

  it('DS=0 Non-secure view › EnableGrp1A in bit 1, ARE_NS in bit 4; only bit 1 writable', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeDistributor(0, 0x5, 4, { secure: true });
    expect(gic.readDistributor(0, 4)).toBe(0x10n);
    gic.writeDistributor(0, 0x13, 4);
    expect(gic.readDistributor(0, 4)).toBe(0x12n);
    expect(gic.distributor()).toMatchObject({
      enableGrp0: true,
      enableGrp1Ns: true,
      enableGrp1S: true,
    });
  });

  it('DS=0 › setting DS is one-way: clears EnableGrp1S and ARE_NS', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeDistributor(0, 0x47, 4, { secure: true });
    expect(gic.readDistributor(0, 4, { secure: true })).toBe(0x53n);
    gic.writeDistributor(0, 0x03, 4, { secure: true });
    expect(gic.distributor().ds).toBe(true);
  });
});

describe('GICD_TYPER / IIDR / PIDR2 (reference §2.3, §12)', () => {
  it('qemu profile, 224 SPIs, no NMI › 0x037a0007 (ITLinesNumber 7, IDbits 15, LPIS, A3V, No1N)', () => {
    expect(createGic({ peCount: 2, spiCount: 224, profile: 'qemu' }).readDistributor(4, 4)).toBe(
      0x037a0007n,
    );
  });

  it('qemu profile with NMI, 256 SPIs › 0x037a0208', () => {
    const gic = createGic({ peCount: 2, spiCount: 256, profile: 'qemu', nmi: true });
    expect(gic.readDistributor(4, 4)).toBe(0x037a0208n);
  });

  it('architecture profile › no LPIs, IDbits 9, 1-of-N supported (No1N=0)', () => {
    expect(createGic({ peCount: 2, spiCount: 224 }).readDistributor(4, 4)).toBe(0x01480007n);
  });

  it('SecurityExtn (bit 10) set only with DS=0', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    expect(gic.readDistributor(4, 4) & 0x400n).toBe(0x400n);
  });

  it('988 SPIs › ITLinesNumber 31', () => {
    expect(createGic({ peCount: 1, spiCount: 988 }).readDistributor(4, 4) & 0x1fn).toBe(31n);
  });

  it('GICD_IIDR 0x43b, PIDR2 0x3b (ArchRev 3), PIDR0 0x92', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(gic.readDistributor(8, 4)).toBe(0x43bn);
    expect(gic.readDistributor(0xffe8, 4)).toBe(0x3bn);
    expect(gic.readDistributor(0xffe0, 4)).toBe(0x92n);
  });

  it('a write to GICD_TYPER › ignored with a warning', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(warningsDuring(gic, () => gic.writeDistributor(4, 0, 4))).toEqual([
      'write-to-read-only',
    ]);
  });
});

describe('set/clear register families (reference §2.1)', () => {
  it.each([
    ['GICD_ISENABLER/ICENABLER', 0x100, 0x180],
    ['GICD_ISPENDR/ICPENDR', 0x200, 0x280],
    ['GICD_ISACTIVER/ICACTIVER', 0x300, 0x380],
  ])('%s › write-1-to-set, write-1-to-clear, both read the state', (_name, set, clear) => {
    const gic = createGic({ peCount: 1, spiCount: 64 });
    gic.writeDistributor(set + 4, 0x5, 4);
    gic.writeDistributor(set + 4, 0x0, 4);
    expect(gic.readDistributor(set + 4, 4)).toBe(0x5n);
    expect(gic.readDistributor(clear + 4, 4)).toBe(0x5n);
    gic.writeDistributor(clear + 4, 0x1, 4);
    expect(gic.readDistributor(set + 4, 4)).toBe(0x4n);
  });

  it('registers covering SGIs/PPIs (n = 0) are RAZ/WI in the Distributor', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeDistributor(0x100, 0xffffffff, 4);
    expect(gic.readDistributor(0x100, 4)).toBe(0n);
  });

  it('INTIDs beyond the implemented SPIs are RAZ/WI', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeDistributor(0x108, 0xffffffff, 4);
    expect(gic.readDistributor(0x108, 4)).toBe(0n);
  });

  it('GICD_IGRPMODR › RAZ/WI with DS=1; Secure-only with DS=0', () => {
    const ds1 = createGic({ peCount: 1, spiCount: 32 });
    ds1.writeDistributor(0xd04, 1, 4, { secure: true });
    expect(ds1.readDistributor(0xd04, 4, { secure: true })).toBe(0n);
    const ds0 = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    ds0.writeDistributor(0xd04, 1, 4);
    expect(ds0.readDistributor(0xd04, 4, { secure: true })).toBe(0n);
    ds0.writeDistributor(0xd04, 1, 4, { secure: true });
    expect(ds0.interrupt(32).group).toBe('G1S');
  });

  it('GICD_ICFGR › bit 2k+1 selects edge; SPIs reset to level', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(gic.readDistributor(0xc08, 4)).toBe(0n);
    gic.writeDistributor(0xc08, 0x8, 4);
    expect(gic.interrupt(33).trigger).toBe('edge');
    expect(gic.readDistributor(0xc08, 4)).toBe(0x8n);
  });
});

describe('GICD_IPRIORITYR and the Non-secure view (reference §2.4)', () => {
  it('byte and word accesses address the same bytes', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeDistributor(0x420, 0x44332211, 4);
    expect(gic.readDistributor(0x422, 1)).toBe(0x33n);
    gic.writeDistributor(0x423, 0xa0, 1);
    expect(gic.readDistributor(0x420, 4)).toBe(0xa0332211n);
  });

  it('DS=0 › NS write v stores 0x80|v>>1, NS read returns stored<<1', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeDistributor(0x84, 1, 4, { secure: true }); // INTID 32 → G1NS
    gic.writeDistributor(0x420, 0xc0, 1);
    expect(gic.interrupt(32).priority).toBe(0xe0);
    expect(gic.readDistributor(0x420, 1)).toBe(0xc0n);
    expect(gic.readDistributor(0x420, 1, { secure: true })).toBe(0xe0n);
  });

  it('DS=0 › Secure interrupts’ priority is RAZ/WI to NS, with a warning', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeDistributor(0x420, 0x10, 1, { secure: true });
    expect(warningsDuring(gic, () => gic.writeDistributor(0x420, 0xff, 1))).toEqual([
      'ns-access-to-secure-field',
    ]);
    expect(gic.readDistributor(0x420, 1)).toBe(0n);
    expect(gic.interrupt(32).priority).toBe(0x10);
  });

  it('DS=0 › NS writes to GICD_ISENABLER for Secure interrupts are ignored', () => {
    const gic = createGic({ peCount: 1, spiCount: 32, securityExtensions: true });
    gic.writeDistributor(0x84, 0x2, 4, { secure: true });
    gic.writeDistributor(0x104, 0x3, 4);
    expect(gic.readDistributor(0x104, 4, { secure: true })).toBe(0x2n);
  });
});

describe('GICD_IROUTER (reference §2.4)', () => {
  it('64-bit access and the two 32-bit halves address the same register', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    gic.writeDistributor(0x6100, 0x0000000500000000n, 8);
    gic.writeDistributor(0x6100, 0x00000000, 4);
    expect(gic.readDistributor(0x6104, 4)).toBe(5n);
    gic.writeDistributor(0x6104, 0, 4);
    expect(gic.readDistributor(0x6100, 8)).toBe(0n);
  });

  it('Aff1.Aff0 picks the PE (virt packing: PE 17 = 1.1)', () => {
    const gic = bootedGic({ peCount: 20 });
    setUpSpi(gic, 40, { target: 17 });
    expect(gic.readDistributor(0x6000 + 8 * 40, 8)).toBe(0x101n);
    gic.setLevel(40, true);
    expect(gic.outputs(17).irq).toBe(true);
  });

  it('RES0 bits are cleared (architecture) or stored (qemu)', () => {
    const arch = createGic({ peCount: 1, spiCount: 32 });
    arch.writeDistributor(0x6100, 0xffffffffffffffffn, 8);
    expect(arch.readDistributor(0x6100, 8)).toBe(0xff80ffffffn);
    const qemu = createGic({ peCount: 1, spiCount: 32, profile: 'qemu' });
    qemu.writeDistributor(0x6100, 0xffffffffffffffffn, 8);
    expect(qemu.readDistributor(0x6100, 8)).toBe(0xffffffffffffffffn);
  });

  it('an affinity naming no PE › warning; the SPI stays pending and is not forwarded', () => {
    const gic = bootedGic({ peCount: 2 });
    setUpSpi(gic, 40);
    expect(warningsDuring(gic, () => gic.writeDistributor(0x6000 + 8 * 40, 0x5, 8))).toEqual([
      'irouter-no-pe',
    ]);
    gic.setLevel(40, true);
    expect(gic.interrupt(40).route?.targetPe).toBeNull();
    expect(gic.interrupt(40).pending).toBe(true);
    expect([0, 1].map((pe) => gic.outputs(pe).irq)).toEqual([false, false]);
  });

  it('changing the route of a pending SPI moves it to the new PE', () => {
    const gic = bootedGic({ peCount: 2 });
    setUpSpi(gic, 40);
    gic.setLevel(40, true);
    gic.writeDistributor(0x6000 + 8 * 40, 0x1, 8);
    expect([gic.outputs(0).irq, gic.outputs(1).irq]).toEqual([false, true]);
  });
});

describe('unimplemented offsets and access sizes (RAZ/WI + warning)', () => {
  it.each([
    ['GICD_TYPER2 (0xc)', 0xc, 4, 'unimplemented-offset'],
    ['a hole (0x20)', 0x20, 4, 'unimplemented-offset'],
    ['GICD_CTLR as a byte', 0x0, 1, 'bad-access-size'],
    ['GICD_ISENABLER1 as a halfword', 0x104, 2, 'bad-access-size'],
    ['GICD_CTLR as 64 bits', 0x0, 8, 'bad-access-size'],
    ['beyond the frame', 0x10000, 4, 'unimplemented-offset'],
  ] as const)('%s › reads 0 with %s', (_name, offset, size, code) => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    let value = -1n;
    expect(warningsDuring(gic, () => (value = gic.readDistributor(offset, size)))).toEqual([code]);
    expect(value).toBe(0n);
    expect(warningsDuring(gic, () => gic.writeDistributor(offset, 0xffffffff, size))).toEqual([
      code,
    ]);
  });

  it('an invalid size value (3) › bad-access-size, never an exception', () => {
    const gic = createGic({ peCount: 1, spiCount: 32 });
    expect(warningsDuring(gic, () => gic.readDistributor(0, 3 as never))).toEqual([
      'bad-access-size',
    ]);
  });
});
