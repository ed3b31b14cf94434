// A bare-metal ITS and LPI probe for QEMU `virt` (GICv3 + ITS, DS=1, 2 CPUs): LPI tables in
// memory, Redistributor LPI registers, every physical ITS command, GITS_TRANSLATER, LPI
// acknowledge/EOI, the configuration cache (disable + INV, re-enable + INVALL), MOVI/MOVALL,
// command errors, a two-level device table and a stalled command queue. Like gic-probe.S it checks
// nothing itself: QEMU's trace records what every read returned, and the replay compares the model.
//
// QEMU does not trace the guest's own writes to memory, but the GIC reads the LPI configuration
// and pending tables and the level-1 device table from memory. So every such write is mirrored
// into RES0 words of the ITS translation frame (offsets 0x100-0x114), which QEMU traces
// (gicv3_its_translation_write) and otherwise ignores; tools/record-qemu-trace.sh turns each
// mirrored write into one `gicscope_guest_write` line. Commands are not mirrored: QEMU traces
// each one decoded. Interrupts stay masked in PSTATE (DAIF); no exception is ever taken.

        .equ GICD, 0x08000000
        .equ GITS, 0x08080000             // ITS control frame
        .equ GITS_T, GITS + 0x10000       // ITS translation frame; GITS_TRANSLATER at +0x40
        .equ GICR0, 0x080A0000
        .equ GICR1, 0x080C0000
        .equ SGI0, GICR0 + 0x10000
        .equ PSCI_CPU_ON, 0xC4000003
        .equ PSCI_SYSTEM_OFF, 0x84000008

        // Memory the GIC reads (RAM starts at 0x40000000; the probe is at 0x40080000).
        .equ PROP, 0x40200000             // LPI configuration table, IDbits 13: LPIs 8192-16383
        .equ PROP2, 0x40208000            // a second configuration table
        .equ PEND0, 0x40210000            // pending tables (64 KB aligned)
        .equ PEND1, 0x40220000
        .equ CMDQ, 0x40230000             // command queue, one 4 KB page (128 commands)
        .equ DEVT, 0x40240000             // device table, flat, one 4 KB page: DeviceIDs 0-511
        .equ COLT, 0x40250000             // collection table, flat, one 4 KB page
        .equ ITT0, 0x40260000
        .equ ITT2, 0x40261000
        .equ ITT7, 0x40262000
        .equ ITT9, 0x40270000             // 16384 events x 12 bytes
        .equ ITT600, 0x402a0000
        .equ DEVL1, 0x402b0000            // level-1 device table (two-level)
        .equ DEVL2, 0x402c0000            // its level-2 page for DeviceIDs 512-1023

        .macro w32 addr, val
        ldr x1, =\addr
        ldr x2, =\val
        str w2, [x1]
        .endm
        .macro w16 addr, val
        ldr x1, =\addr
        ldr x2, =\val
        strh w2, [x1]
        .endm
        .macro r32 addr
        ldr x1, =\addr
        ldr w0, [x1]
        .endm
        .macro w64 addr, val
        ldr x1, =\addr
        ldr x2, =\val
        str x2, [x1]
        .endm
        .macro r64 addr
        ldr x1, =\addr
        ldr x0, [x1]
        .endm
        .macro sysw reg, val
        ldr x2, =\val
        msr \reg, x2
        isb
        .endm
        .macro sysr reg
        mrs x0, \reg
        .endm
        .macro ack1
        sysr icc_iar1_el1
        .endm
        .macro eoi1 intid
        sysw icc_eoir1_el1, \intid
        .endm

        // Guest memory writes, each mirrored for the trace (see the header).
        .macro mirror_addr addr
        ldr x3, =GITS_T
        ldr x4, =\addr
        str w4, [x3, #0x100]
        .endm
        .macro mem8 addr, val             // one LPI configuration byte
        ldr x1, =\addr
        mov w2, #\val
        strb w2, [x1]
        dsb sy
        mirror_addr \addr
        str w2, [x3, #0x108]
        .endm
        .macro mem64 addr, val
        ldr x1, =\addr
        ldr x2, =\val
        str x2, [x1]
        dsb sy
        mirror_addr \addr
        str w2, [x3, #0x110]
        lsr x2, x2, #32
        str w2, [x3, #0x114]
        .endm
        // LPI configuration byte: priority [7:2], RES1 [1], Enable [0] (IHI 0069 §5.1.1).
        .macro lpicfg intid, prio, enable, table=PROP
        mem8 (\table + \intid - 8192), (\prio | 2 | \enable)
        .endm
        // One pending bit set in a pending table (byte INTID/8, bit INTID%8).
        .macro lpipend intid, table
        mem8 (\table + \intid / 8), (1 << (\intid % 8))
        .endm

        // ITS commands: 4 doublewords at CMDQ + x20, then x20 advances (ring of 4 KB).
        .macro cmd d0, d1=0, d2=0, d3=0
        add x5, x19, x20
        ldr x2, =\d0
        str x2, [x5]
        ldr x2, =\d1
        str x2, [x5, #8]
        ldr x2, =\d2
        str x2, [x5, #16]
        ldr x2, =\d3
        str x2, [x5, #24]
        add x20, x20, #32
        and x20, x20, #0xfff
        .endm
        .macro go                         // GITS_CWRITER = x20, then read GITS_CREADR
        dsb sy
        ldr x1, =GITS
        str w20, [x1, #0x88]
        ldr w0, [x1, #0x90]
        .endm
        // DW0: DeviceID [63:32], command [7:0]; DW1: EventID [31:0], pINTID [63:32] or Size
        // [4:0]; DW2: ICID [15:0], ITT_addr [51:8], RDbase [51:16], V [63] (IHI 0069 §5.3).
        .macro MAPD dev, size, itt, v=1
        cmd ((\dev << 32) | 0x08), \size, ((\v << 63) | \itt)
        .endm
        .macro MAPC icid, rd, v=1
        cmd 0x09, 0, ((\v << 63) | (\rd << 16) | \icid)
        .endm
        .macro MAPTI dev, event, intid, icid
        cmd ((\dev << 32) | 0x0a), ((\intid << 32) | \event), \icid
        .endm
        .macro MAPI dev, event, icid
        cmd ((\dev << 32) | 0x0b), \event, \icid
        .endm
        .macro INT dev, event
        cmd ((\dev << 32) | 0x03), \event
        .endm
        .macro CLEAR dev, event
        cmd ((\dev << 32) | 0x04), \event
        .endm
        .macro DISCARD dev, event
        cmd ((\dev << 32) | 0x0f), \event
        .endm
        .macro INV dev, event
        cmd ((\dev << 32) | 0x0c), \event
        .endm
        .macro INVALL icid
        cmd 0x0d, 0, \icid
        .endm
        .macro MOVI dev, event, icid
        cmd ((\dev << 32) | 0x01), \event, \icid
        .endm
        .macro MOVALL rd1, rd2
        cmd 0x0e, 0, (\rd1 << 16), (\rd2 << 16)
        .endm
        .macro SYNC rd
        cmd 0x05, 0, (\rd << 16)
        .endm

        .text
        .global _start
_start:
        msr daifset, #0xf
        ldr x19, =CMDQ
        mov x20, #0

        // --- reset values -------------------------------------------------------------------
        r32 GICD + 0x0004                  // GICD_TYPER: LPIS, IDbits 15
        r64 GICR1 + 0x0008                 // GICR_TYPER of CPU 1: Last
        sysr icc_ctlr_el1
        r32 GITS + 0xffe8                  // GITS_PIDR2
        r32 GITS + 0x0000                  // GITS_CTLR: Quiescent
        r32 GITS + 0x0004                  // GITS_IIDR
        r64 GITS + 0x0008                  // GITS_TYPER
        r32 GITS + 0x0008
        r32 GITS + 0x000c
        r64 GITS + 0x0080                  // GITS_CBASER
        r64 GITS + 0x0088                  // GITS_CWRITER
        r64 GITS + 0x0090                  // GITS_CREADR
        r64 GITS + 0x0100                  // GITS_BASER0 (Device)
        r64 GITS + 0x0108                  // GITS_BASER1 (Collection)
        r64 GITS + 0x0110                  // GITS_BASER2 (unimplemented)
        r32 GITS + 0x0104
        r64 GITS + 0x0000                  // a 64-bit access to GITS_CTLR: bad read
        r32 GITS_T + 0x0040                // GITS_TRANSLATER is write-only: RAZ
        r32 GICR0 + 0x0000                 // GICR_CTLR
        r64 GICR0 + 0x0008                 // GICR_TYPER: PLPIS
        r64 GICR0 + 0x0070                 // GICR_PROPBASER
        r64 GICR0 + 0x0078                 // GICR_PENDBASER
        r32 GICR0 + 0x0074
        r64 GICR0 + 0x00a0                 // GICR_INVLPIR (not in QEMU 7.2)
        r64 GICR0 + 0x00b0                 // GICR_INVALLR
        r32 GICR0 + 0x00c0                 // GICR_SYNCR
        r64 GICR0 + 0x0040                 // GICR_SETLPIR

        // --- bring up: redistributors awake, Group 1 on, PMR open, SGIs 0-7 ------------------
        w32 GICR0 + 0x0014, 0
        w32 GICR1 + 0x0014, 0
        w32 GICD + 0x0000, 0x2
        sysw icc_pmr_el1, 0xff
        sysw icc_bpr1_el1, 0
        sysw icc_igrpen1_el1, 1
        w32 SGI0 + 0x0080, 0xffffffff
        w32 SGI0 + 0x0400, 0xa0a0a0a0      // SGIs 0-3 at 0xa0
        w32 SGI0 + 0x0100, 0x0000000f

        // --- LPI tables -----------------------------------------------------------------------
        lpicfg 8192, 0xa0, 1
        lpicfg 8193, 0xa0, 1
        lpicfg 8195, 0xa0, 1
        lpicfg 8196, 0xa0, 1
        lpicfg 8197, 0x90, 1
        lpicfg 8198, 0x80, 1
        lpicfg 8199, 0xc0, 1
        lpicfg 8200, 0xb0, 1
        lpicfg 8201, 0xb0, 0               // disabled
        lpicfg 16383, 0x40, 1              // the last LPI of 14 ID bits
        lpicfg 8195, 0x60, 1, PROP2        // the second table gives 8195 another priority
        w64 GICR0 + 0x0070, (PROP | 0x780 | 13)   // PA, cacheability, shareability, IDbits 13
        r64 GICR0 + 0x0070
        w64 GICR0 + 0x0078, (PEND0 | 0x780)
        r64 GICR0 + 0x0078
        w32 GICR1 + 0x0070, (PROP | 0x780 | 13)   // CPU 1 in 32-bit halves
        w32 GICR1 + 0x0074, 0
        w32 GICR1 + 0x0078, (PEND1 | 0x780)
        w32 GICR1 + 0x007c, 0
        r64 GICR1 + 0x0070
        r32 GICR1 + 0x0078
        w32 GICR0 + 0x0000, 1              // GICR_CTLR.EnableLPIs
        r32 GICR0 + 0x0000
        w32 GICR1 + 0x0000, 1
        r32 GICR1 + 0x0000

        // --- ITS tables and command queue -----------------------------------------------------
        w64 GITS + 0x0100, (0x8000000000000000 | DEVT)          // Valid, 4 KB pages, 1 page
        r64 GITS + 0x0100
        w64 GITS + 0x0108, (0x8000000000000000 | COLT | 0x400)  // Inner Shareable
        r64 GITS + 0x0108
        w64 GITS + 0x0110, 0x8000000040290000                   // unimplemented: RAZ/WI
        r64 GITS + 0x0110
        w64 GITS + 0x0080, (0x8000000000000000 | CMDQ)          // Valid, 1 page
        r64 GITS + 0x0080
        r64 GITS + 0x0090
        w32 GITS + 0x0000, 1                                    // GITS_CTLR.Enabled
        r32 GITS + 0x0000

        // --- mapping: collections, devices, events (Linux's order: MAPC, MAPD, MAPTI, SYNC) ---
        MAPC 0, 0
        MAPC 1, 1
        MAPD 0, 4, ITT0                    // DeviceID 0: what a CPU write to TRANSLATER carries
        MAPD 2, 4, ITT2                    // 32 events
        MAPD 7, 7, ITT7                    // 256 events
        MAPD 9, 13, ITT9                   // 16384 events (MAPI needs EventID >= 8192)
        MAPTI 0, 1, 8197, 0
        MAPTI 0, 2, 8198, 0
        MAPTI 0, 3, 8199, 0
        MAPTI 2, 20, 8195, 0               // kvm-unit-tests its-trigger: LPI 8195, event 20
        MAPTI 7, 255, 8196, 1              // and LPI 8196, event 255 (here on CPU 1)
        MAPTI 2, 21, 8200, 0
        MAPTI 2, 22, 8201, 0
        MAPI 9, 8192, 0                    // MAPI: the EventID is the LPI
        MAPTI 2, 23, 16383, 0
        SYNC 0
        go
        r64 GITS + 0x0088
        r64 GITS + 0x0090

        // --- INT, acknowledge, EOI -----------------------------------------------------------
        INT 2, 20
        go
        sysr icc_hppir1_el1                // 8195
        ack1                               // 8195
        sysr icc_rpr_el1                   // 0xa0
        sysr icc_ap1r0_el1
        ack1                               // 1023: no active state, but nothing else pending
        eoi1 8195
        sysr icc_rpr_el1                   // idle
        INT 9, 8192                        // the MAPI'd one
        INT 2, 23                          // LPI 16383
        go
        ack1                               // 16383 (0x40)
        eoi1 16383
        ack1                               // 8192
        eoi1 8192

        // --- GITS_TRANSLATER: a CPU write carries DeviceID 0 ---------------------------------
        w32 GITS_T + 0x0040, 1             // EventID 1 -> LPI 8197
        sysr icc_hppir1_el1
        ack1
        eoi1 8197
        w16 GITS_T + 0x0040, 2             // a 16-bit write: EventID 2 -> LPI 8198
        ack1
        eoi1 8198
        w32 GITS_T + 0x0040, 9             // EventID 9 has no ITE: dropped
        w32 GITS_T + 0x0040, 40            // EventID 40 >= 32: dropped
        ack1                               // 1023

        // --- priorities: LPIs against each other, an SGI, preemption --------------------------
        INT 0, 3                           // 8199 at 0xc0
        INT 2, 20                          // 8195 at 0xa0
        go
        sysw icc_sgi1r_el1, ((2 << 24) | 1)     // SGI 2 at 0xa0: ties with 8195, lower INTID
        sysr icc_hppir1_el1                // 2
        ack1                               // 2
        sysr icc_hppir1_el1                // 8195
        ack1                               // 1023: 0xa0 cannot preempt 0xa0
        w32 GITS_T + 0x0040, 1             // 8197 at 0x90 preempts
        ack1                               // 8197
        sysr icc_rpr_el1                   // 0x90
        eoi1 8197
        eoi1 2
        ack1                               // 8195
        ack1                               // 8199 (0xc0 preempts nothing? running 0xa0)
        eoi1 8195
        ack1                               // 8199
        eoi1 8199

        // --- CLEAR and DISCARD ------------------------------------------------------------------
        INT 2, 21                          // 8200 pending
        CLEAR 2, 21                        // and not any more
        go
        ack1                               // 1023
        INT 2, 21
        DISCARD 2, 21                      // pending cleared, ITE gone
        INT 2, 21                          // no ITE: dropped
        go
        ack1                               // 1023
        MAPTI 2, 21, 8200, 0               // map it again
        SYNC 0
        go

        // --- the configuration cache (kvm-unit-tests its-trigger) -----------------------------
        lpicfg 8195, 0xa0, 0               // disabled in the table...
        INV 2, 20                          // ...and invalidated
        INT 2, 20
        go
        sysr icc_hppir1_el1                // 1023: pending but disabled
        ack1                               // 1023
        lpicfg 8195, 0xa0, 1               // enabled again
        INVALL 0
        SYNC 0
        go
        sysr icc_hppir1_el1                // 8195: it stayed pending
        ack1
        eoi1 8195
        // a disabled LPI made pending, then enabled with INV
        INT 2, 22                          // 8201, disabled
        go
        ack1                               // 1023
        lpicfg 8201, 0xb0, 1
        INV 2, 22
        go
        ack1                               // 8201
        eoi1 8201
        // a priority change with no INV: QEMU reads the table whenever it rescans
        INT 2, 20                          // 8195 at 0xa0
        go
        lpicfg 8195, 0x88, 1               // raised, no INV
        INT 0, 1                           // 8197 at 0x90
        go
        sysr icc_hppir1_el1                // 8197 (8195 cached at 0xa0)
        ack1                               // 8197: its pending bit clears, QEMU rescans
        sysr icc_hppir1_el1                // 8195
        sysr icc_rpr_el1
        eoi1 8197
        INV 2, 20
        go
        ack1                               // 8195 at 0x88
        sysr icc_rpr_el1
        eoi1 8195
        lpicfg 8195, 0xa0, 1
        INV 2, 20
        // disabled with no INV while pending: does a rescan see it?
        INT 2, 20                          // 8195 at 0xa0
        INT 0, 3                           // 8199 at 0xc0
        go
        lpicfg 8195, 0xa0, 0               // disabled, no INV
        w32 GITS_T + 0x0040, 1             // 8197 at 0x90
        ack1                               // 8197: QEMU rescans and no longer sees 8195
        eoi1 8197
        sysr icc_hppir1_el1                // 8199 on QEMU
        ack1
        eoi1 8199
        lpicfg 8195, 0xa0, 1
        INV 2, 20
        go
        ack1                               // 8195
        eoi1 8195

        // --- EOImode 1: an LPI has no active state, DIR does nothing --------------------------
        sysw icc_ctlr_el1, 2
        INT 2, 20
        go
        ack1                               // 8195
        eoi1 8195                          // priority drop only
        sysr icc_rpr_el1
        sysw icc_dir_el1, 8195
        sysr icc_hppir1_el1
        sysw icc_ctlr_el1, 0

        // --- MOVI and MOVALL -------------------------------------------------------------------
        INT 2, 20                          // 8195 pending on CPU 0
        MOVI 2, 20, 1                      // now on CPU 1
        go
        ack1                               // 1023 on CPU 0
        INT 0, 3                           // 8199 on CPU 0
        INT 2, 21                          // 8200: collection 0, so CPU 0
        MOVALL 0, 1                        // both to CPU 1
        SYNC 1
        go
        ack1                               // 1023
        MOVI 2, 20, 0                      // back to collection 0: its pending state moves too
        MOVI 2, 20, 0                      // same collection: nothing to move
        MOVALL 1, 1                        // same Redistributor: a no-op
        go
        ack1                               // 8195 on CPU 0 again
        eoi1 8195

        // --- command errors (IHI 0069 §5.3: the command is ignored) ----------------------------
        MAPD 1000, 4, ITT0                 // DeviceID beyond the device table
        MAPD 3, 20, ITT0                   // Size beyond GITS_TYPER.ID_bits
        MAPTI 2, 40, 8199, 0               // EventID 40 >= 32
        MAPTI 2, 24, 100, 0                // pINTID not an LPI
        MAPTI 5, 1, 8199, 0                // DeviceID 5 not mapped
        MAPTI 2, 24, 8199, 200             // ICID 200 fits the table (512 entries) but is unmapped
        INT 2, 24                          // so the translation finds no collection
        MAPTI 2, 25, 8199, 600             // ICID 600 is beyond the collection table
        MAPC 3, 7                          // RDbase 7: no such Redistributor
        INT 5, 0                           // unmapped device
        INT 2, 30                          // unmapped event
        MAPI 9, 3, 0                       // EventID 3 as an LPI: not one
        cmd 0x42                           // not a command
        go
        r64 GITS + 0x0090
        // collection unmapped, then remapped elsewhere
        MAPC 1, 0, 0                       // collection 1: V=0
        INT 7, 255                         // 8196 via collection 1: unmapped, dropped
        go
        ack1                               // 1023
        MAPC 1, 0                          // collection 1 now points at CPU 0
        INT 7, 255
        go
        ack1                               // 8196 on CPU 0
        eoi1 8196
        MAPC 1, 1                          // back to CPU 1
        SYNC 1
        go
        // MAPD V=0 (kvm-unit-tests): the device's events stop translating
        MAPD 2, 4, ITT2, 0
        INT 2, 20
        go
        ack1                               // 1023
        MAPD 2, 4, ITT2                    // remapped with the same ITT: the ITEs are still there
        INT 2, 20
        go
        ack1                               // 8195
        eoi1 8195

        // --- Redistributor LPI registers --------------------------------------------------------
        // A pending bit left in memory while LPIs are off is picked up when they are turned on.
        w32 GICR0 + 0x0000, 0              // QEMU lets EnableLPIs be cleared (CES=1)
        r32 GICR0 + 0x0000
        INT 0, 3                           // 8199: LPIs off on CPU 0, dropped
        go
        lpipend 8200, PEND0                // "firmware" leaves 8200 pending
        w32 GICR0 + 0x0000, 1
        r32 GICR0 + 0x0000
        sysr icc_hppir1_el1                // 8200
        ack1
        eoi1 8200
        // PROPBASER rewritten while LPIs are on: QEMU uses the new table at once
        w64 GICR0 + 0x0070, (PROP2 | 0x780 | 13)
        INT 2, 20                          // 8195 is 0x60 in PROP2
        go
        sysr icc_hppir1_el1
        ack1
        sysr icc_rpr_el1                   // 0x60
        eoi1 8195
        w64 GICR0 + 0x0070, (PROP | 0x780 | 13)
        // PROPBASER.IDbits smaller than the LPI: 14 bits -> 13 bits (INTIDs < 8192: no LPIs)
        w64 GICR0 + 0x0070, (PROP | 0x780 | 12)
        INT 2, 23                          // 16383 is beyond 13 ID bits: ignored
        go
        ack1                               // 1023
        w64 GICR0 + 0x0070, (PROP | 0x780 | 13)

        INT 7, 255                         // 8196 waits on CPU 1 until it runs
        go

        // --- a two-level device table -----------------------------------------------------------
        w32 GITS + 0x0000, 0               // ITS off to change GITS_BASER0
        r32 GITS + 0x0000
        w64 GITS + 0x0100, (0xc000000000000000 | DEVL1)         // Valid, Indirect
        r64 GITS + 0x0100
        mem64 (DEVL1 + 8), (0x8000000000000000 | DEVL2)         // L1 entry 1: DeviceIDs 512-1023
        w32 GITS + 0x0000, 1
        MAPD 600, 4, ITT600                // in the level-2 page
        MAPD 1100, 4, ITT600               // L1 entry 2 invalid: the write is dropped
        MAPTI 600, 0, 8193, 0
        MAPTI 1100, 0, 8192, 0             // no DTE
        INT 600, 0
        INT 1100, 0
        go
        ack1                               // 8193
        eoi1 8193
        ack1                               // 1023

        // --- CPU 1 takes what was moved to it ---------------------------------------------------
        ldr x0, =PSCI_CPU_ON
        mov x1, #1
        ldr x2, =cpu1_entry
        mov x3, #0
        hvc #0
        ldr x3, =cpu1_done
        ldr x4, =100000000
1:      ldr w5, [x3]
        cbnz w5, 2f
        subs x4, x4, #1
        b.ne 1b
2:
        // --- a stalled queue: an ITE write to memory that does not exist -------------------------
        w64 GITS + 0x0080, (0x8000000000000000 | CMDQ | 1)      // CBASER while enabled
        r64 GITS + 0x0080
        MAPD 601, 4, 0x70000000            // ITT outside RAM
        MAPTI 601, 0, 8192, 0              // the ITE write faults: the queue stalls here
        SYNC 0
        go
        r64 GITS + 0x0090                  // Stalled, offset of the MAPTI
        r64 GITS + 0x0088
        r32 GITS + 0x0000
        ldr x1, =GITS                      // skip the MAPTI by writing GITS_CREADR
        sub x6, x20, #32
        str w6, [x1, #0x90]
        r64 GITS + 0x0090
        go                                 // the SYNC runs
        r64 GITS + 0x0090

        ldr x0, =PSCI_SYSTEM_OFF
        hvc #0
3:      wfi
        b 3b

cpu1_entry:
        msr daifset, #0xf
        sysw icc_pmr_el1, 0xff
        sysw icc_bpr1_el1, 0
        sysw icc_igrpen1_el1, 1
        sysr icc_hppir1_el1                // 8196 (0xa0); 8200 (0xb0) and 8199 (0xc0) by MOVALL
        ack1                               // 8196
        ack1                               // 1023: 0xb0 cannot preempt 0xa0
        sysr icc_rpr_el1
        eoi1 8196
        ack1                               // 8200
        eoi1 8200
        ack1                               // 8199
        eoi1 8199
        ack1                               // 1023
        sysr icc_rpr_el1                   // idle
        ldr x3, =cpu1_done
        mov w5, #1
        str w5, [x3]
4:      wfi
        b 4b

        .ltorg

        .data
        .balign 8
cpu1_done:
        .word 0
