// A bare-metal probe for QEMU `virt` (GICv3, DS=1, 5 priority bits, 2 CPUs): straight-line
// register accesses that Linux never makes (ICC_RPR/HPPIR/AP reads, IAR returning 1023,
// preemption by group priority, PMR masking, EOImode 1 with DIR, ICACTIVER, Group 0, IROUTER
// corners, a level-sensitive PPI from the virtual timer). The probe checks nothing itself:
// QEMU's trace records what every read returned, and the replay test compares the model.
// Interrupts stay masked in PSTATE (DAIF) throughout, so no exception is ever taken.
// Built by tools/record-qemu-trace.sh with binutils-aarch64-linux-gnu; linked at 0x40080000.

        .equ GICD, 0x08000000
        .equ GICR0, 0x080A0000            // CPU 0: RD_base; SGI_base = +0x10000
        .equ SGI0, GICR0 + 0x10000
        .equ GICR1, 0x080C0000            // CPU 1
        .equ SGI1, GICR1 + 0x10000
        .equ PSCI_CPU_ON, 0xC4000003
        .equ PSCI_SYSTEM_OFF, 0x84000008

        .macro w32 addr, val
        ldr x1, =\addr
        ldr x2, =\val
        str w2, [x1]
        .endm
        .macro r32 addr
        ldr x1, =\addr
        ldr w0, [x1]
        .endm
        .macro w8 addr, val
        ldr x1, =\addr
        mov w2, #\val
        strb w2, [x1]
        .endm
        .macro r8 addr
        ldr x1, =\addr
        ldrb w0, [x1]
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
        // ICC_SGI1R_EL1: INTID [27:24], TargetList [15:0], Aff1 [23:16], IRM [40]
        .macro sgi1r intid, targets, irm=0
        sysw icc_sgi1r_el1, ((\irm << 40) | (\intid << 24) | \targets)
        .endm
        .macro ack1                        // acknowledge, then EOI what was acknowledged
        sysr icc_iar1_el1
        .endm
        .macro eoi1 intid
        sysw icc_eoir1_el1, \intid
        .endm

        .text
        .global _start
_start:
        msr daifset, #0xf

        // --- discovery and reset values -------------------------------------------------
        r32 GICD + 0xffe8                  // GICD_PIDR2
        r32 GICD + 0x0004                  // GICD_TYPER
        r32 GICD + 0x0008                  // GICD_IIDR
        r32 GICD + 0x0000                  // GICD_CTLR
        r64 GICR0 + 0x0008                 // GICR_TYPER (CPU 0)
        r64 GICR1 + 0x0008                 // GICR_TYPER (CPU 1, Last)
        r32 GICR0 + 0x0004                 // GICR_IIDR
        r32 GICR0 + 0x0014                 // GICR_WAKER
        sysr icc_ctlr_el1
        sysr icc_pmr_el1
        sysr icc_bpr0_el1
        sysr icc_bpr1_el1
        sysr icc_igrpen0_el1
        sysr icc_igrpen1_el1
        sysr icc_rpr_el1
        sysr icc_hppir1_el1
        sysr icc_hppir0_el1
        sysr icc_iar1_el1                  // nothing pending: 1023
        sysr icc_iar0_el1
        sysr icc_ap0r0_el1
        sysr icc_ap1r0_el1
        r32 SGI0 + 0x0080                  // GICR_IGROUPR0
        r32 SGI0 + 0x0100                  // GICR_ISENABLER0
        r32 SGI0 + 0x0400                  // GICR_IPRIORITYR0
        r32 SGI0 + 0x0c00                  // GICR_ICFGR0
        r32 SGI0 + 0x0c04                  // GICR_ICFGR1
        r32 GICD + 0x0c08                  // GICD_ICFGR2
        r64 GICD + 0x6100                  // GICD_IROUTER32
        r32 GICD + 0x0d04                  // GICD_IGRPMODR1 (RAZ with DS=1)
        r32 GICD + 0x0820                  // GICD_ITARGETSR8 (RAZ with ARE)

        // --- bring up: wake both redistributors, enable both groups ---------------------
        w32 GICR0 + 0x0014, 0
        r32 GICR0 + 0x0014
        w32 GICR1 + 0x0014, 0
        r32 GICR1 + 0x0014
        w32 GICD + 0x0000, 0x3
        r32 GICD + 0x0000
        sysw icc_pmr_el1, 0xff
        sysr icc_pmr_el1                   // 5 bits: 0xf8
        sysw icc_bpr1_el1, 0
        sysr icc_bpr1_el1                  // raised to the minimum
        sysw icc_bpr0_el1, 0
        sysr icc_bpr0_el1
        sysw icc_ctlr_el1, 0
        sysw icc_igrpen1_el1, 1
        sysw icc_igrpen0_el1, 1
        sysr icc_igrpen1_el1
        sysr icc_igrpen0_el1

        // --- SGIs 0-7 and PPIs Group 1, SGIs 8-15 Group 0; priorities -------------------
        w32 SGI0 + 0x0080, 0xffff00ff
        r32 SGI0 + 0x0080
        w8 SGI0 + 0x0400, 0xa0             // SGI 0
        w8 SGI0 + 0x0401, 0x80             // SGI 1
        w8 SGI0 + 0x0402, 0x90             // SGI 2
        w8 SGI0 + 0x0403, 0x84             // SGI 3: same group priority as 0x80
        w32 SGI0 + 0x0404, 0xc0b0a070      // SGIs 4-7
        w32 SGI0 + 0x0408, 0x40404040      // SGIs 8-11
        r32 SGI0 + 0x0400
        r8 SGI0 + 0x0403
        r32 SGI0 + 0x0404
        w32 SGI0 + 0x0100, 0x0000ffff
        r32 SGI0 + 0x0100

        // --- acknowledge, preemption, running priority ----------------------------------
        sgi1r 0, 1
        sysr icc_hppir1_el1
        r32 SGI0 + 0x0200                  // GICR_ISPENDR0
        sysr icc_rpr_el1
        ack1                               // 0
        sysr icc_rpr_el1                   // 0xa0
        sysr icc_ap1r0_el1
        r32 SGI0 + 0x0300                  // GICR_ISACTIVER0
        sgi1r 1, 1
        ack1                               // 1 preempts (0x80 < 0xa0)
        sysr icc_rpr_el1
        sysr icc_ap1r0_el1
        sgi1r 3, 1
        sysr icc_hppir1_el1                // 3
        ack1                               // 1023: 0x84 has the group priority of 0x80
        eoi1 1
        sysr icc_rpr_el1                   // back to 0xa0
        ack1                               // 3 now preempts 0xa0
        sysr icc_rpr_el1
        eoi1 3
        eoi1 0
        sysr icc_rpr_el1                   // idle
        sysr icc_ap1r0_el1

        // --- several pending at once: lowest priority value first, then lowest INTID ----
        sgi1r 2, 1
        sgi1r 4, 1
        sgi1r 7, 1
        sgi1r 5, 1
        sysr icc_hppir1_el1                // 4 (0x70)
        ack1                               // 4
        ack1                               // 1023: 0x90 cannot preempt 0x70
        eoi1 4
        ack1                               // 2 (0x90)
        eoi1 2
        ack1                               // 5 (0xa0)
        eoi1 5
        ack1                               // 7 (0xc0)
        eoi1 7
        ack1                               // 1023: nothing left
        sysr icc_rpr_el1

        // --- binary point: group priority vs subpriority --------------------------------
        sysw icc_bpr1_el1, 7               // one group priority bit: 0x80 and 0xa0 are equal
        sysr icc_bpr1_el1
        sgi1r 0, 1
        ack1                               // 0 (0xa0)
        sysr icc_rpr_el1                   // 0x80: activated at group-priority granularity
        sysr icc_ap1r0_el1
        sgi1r 1, 1
        ack1                               // 1023: 0x80 is not above group priority 0x80
        eoi1 0
        ack1                               // 1
        eoi1 1
        sysw icc_bpr1_el1, 0
        sysw icc_bpr0_el1, 4
        sysr icc_bpr0_el1
        sysw icc_ctlr_el1, 1               // CBPR: BPR1 reads as BPR0 + 1
        sysr icc_ctlr_el1
        sysr icc_bpr1_el1
        sysw icc_bpr1_el1, 6               // ignored while CBPR = 1
        sysr icc_bpr1_el1
        sysw icc_ctlr_el1, 0
        sysr icc_bpr1_el1
        sysw icc_bpr0_el1, 0

        // --- Group 0: SPI 40 at priority 0x20 -------------------------------------------
        w32 GICD + 0x0084, 0xfffffeff      // GICD_IGROUPR1: SPI 40 Group 0, others Group 1
        w8 GICD + 0x0428, 0x20
        w64 GICD + 0x6140, 0               // GICD_IROUTER40: CPU 0
        w32 GICD + 0x0104, 0x00000100      // GICD_ISENABLER1
        w32 GICD + 0x0204, 0x00000100      // GICD_ISPENDR1
        r32 GICD + 0x0204
        sysr icc_hppir0_el1                // 40
        sysr icc_hppir1_el1                // 1023: the HPPI is Group 0
        sysr icc_iar1_el1                  // 1023
        sysr icc_iar0_el1                  // 40
        sysr icc_rpr_el1                   // 0x20
        sysr icc_ap0r0_el1
        r32 GICD + 0x0304                  // GICD_ISACTIVER1
        sysw icc_eoir0_el1, 40
        sysr icc_rpr_el1
        r32 GICD + 0x0304

        // --- PMR masking: SPI 41 at 0xc0 -------------------------------------------------
        w8 GICD + 0x0429, 0xc0
        w32 GICD + 0x0104, 0x00000200
        w32 GICD + 0x0204, 0x00000200
        sysw icc_pmr_el1, 0xc0
        sysr icc_hppir1_el1                // 41
        sysr icc_iar1_el1                  // 1023: 0xc0 is not below PMR 0xc0
        sysw icc_pmr_el1, 0xc8
        sysr icc_pmr_el1
        sysr icc_iar1_el1                  // 41
        eoi1 41
        sysw icc_pmr_el1, 0xff

        // --- EOImode 1: priority drop, then deactivation by ICC_DIR_EL1 ------------------
        sysw icc_ctlr_el1, 2
        sysr icc_ctlr_el1
        sgi1r 2, 1
        ack1                               // 2
        eoi1 2                             // drop only
        sysr icc_rpr_el1                   // idle again
        r32 SGI0 + 0x0300                  // still active
        sgi1r 2, 1                         // active and pending
        r32 SGI0 + 0x0200
        sysr icc_hppir1_el1
        ack1                               // 1023: active interrupts are not candidates
        sysw icc_dir_el1, 2
        r32 SGI0 + 0x0300
        ack1                               // 2
        eoi1 2
        sysw icc_dir_el1, 2
        sysw icc_ctlr_el1, 0

        // --- deactivation by GICR_ICACTIVER0: no priority drop ---------------------------
        sgi1r 0, 1
        ack1
        w32 SGI0 + 0x0380, 0x1
        r32 SGI0 + 0x0300
        sysr icc_rpr_el1                   // still 0xa0
        eoi1 0
        sysr icc_rpr_el1

        // --- active-priority registers written directly --------------------------------
        sysw icc_ap1r0_el1, 0x00100000     // as if priority 0xa0 were active
        sysr icc_rpr_el1
        sgi1r 0, 1
        ack1                               // 1023: 0xa0 does not preempt itself
        sysw icc_ap1r0_el1, 0
        ack1
        eoi1 0

        // --- a level-sensitive PPI: the virtual timer (PPI 27) ---------------------------
        w8 SGI0 + 0x041b, 0xa8
        r32 SGI0 + 0x0418
        w32 SGI0 + 0x0100, 0x08000000
        sysw cntv_cval_el0, 0
        sysw cntv_ctl_el0, 1               // enabled, condition met: line high
        r32 SGI0 + 0x0200
        sysr icc_hppir1_el1
        ack1                               // 27
        r32 SGI0 + 0x0200                  // still pending: line high
        r32 SGI0 + 0x0300
        sysw cntv_ctl_el0, 3               // IMASK: line low
        r32 SGI0 + 0x0200
        eoi1 27
        sysr icc_iar1_el1                  // 1023
        w32 SGI0 + 0x0200, 0x08000000      // ISPENDR latches it with the line low
        sysr icc_iar1_el1                  // 27
        eoi1 27
        w32 SGI0 + 0x0180, 0x08000000      // GICR_ICENABLER0
        sysw cntv_ctl_el0, 0

        // --- SPI routing through GICD_IROUTER ---------------------------------------------
        w8 GICD + 0x042a, 0xa0
        w32 GICD + 0x0104, 0x00000400
        w64 GICD + 0x6150, 0x1             // SPI 42 to CPU 1
        r64 GICD + 0x6150
        w32 GICD + 0x0204, 0x00000400
        sysr icc_hppir1_el1                // 1023 on CPU 0
        w64 GICD + 0x6150, 0x5             // names no PE: stays pending, offered to nobody
        r32 GICD + 0x6150
        r32 GICD + 0x6154
        sysr icc_hppir1_el1
        w32 GICD + 0x6150, 0x80000000      // IRM = 1 (32-bit half): QEMU routes by Aff only
        r64 GICD + 0x6150
        sysr icc_hppir1_el1                // 42 (Aff 0.0.0.0 is CPU 0)
        ack1
        eoi1 42
        w32 GICD + 0x0184, 0x00000700      // GICD_ICENABLER1
        r32 GICD + 0x0104

        // --- configuration registers read back ---------------------------------------------
        w32 GICD + 0x0c08, 0x000a0000      // GICD_ICFGR2: SPIs 40 and 41 edge
        r32 GICD + 0x0c08
        w32 SGI0 + 0x0c04, 0x00800000      // GICR_ICFGR1: PPI 27 edge
        r32 SGI0 + 0x0c04
        w32 SGI0 + 0x0c04, 0
        w32 GICD + 0x0424, 0x11223344      // GICD_IPRIORITYR9
        r32 GICD + 0x0424
        r8 GICD + 0x0426
        w32 GICD + 0x0284, 0xffffffff      // GICD_ICPENDR1
        r32 GICD + 0x0204
        w32 GICD + 0x0304, 0x00001000      // GICD_ISACTIVER1: SPI 44 active
        r32 GICD + 0x0304
        w32 GICD + 0x0384, 0x00001000
        r32 GICD + 0x0304

        // --- SGIs to CPU 1, then CPU 1 runs (CPU_ON resets its CPU interface) ---------------
        w32 SGI1 + 0x0080, 0xffffffff
        w32 SGI1 + 0x0400, 0x90909090
        w32 SGI1 + 0x0404, 0x90909090
        w32 SGI1 + 0x0100, 0x0000ffff
        sgi1r 6, 2                         // target list: CPU 1
        sgi1r 5, 0, 1                      // IRM = 1: every PE but this one
        r32 SGI1 + 0x0200
        sysr icc_iar1_el1                  // 1023: not sent to this PE
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
2:      r32 SGI1 + 0x0200
        r32 SGI1 + 0x0300
        sgi1r 1, 1                         // one for CPU 0 too
        ack1
        eoi1 1

        ldr x0, =PSCI_SYSTEM_OFF
        hvc #0
3:      wfi
        b 3b

cpu1_entry:
        msr daifset, #0xf
        sysr icc_pmr_el1                   // reset value 0
        sysr icc_igrpen1_el1
        sysr icc_iar1_el1                  // 1023: PMR 0 masks everything
        sysw icc_pmr_el1, 0xf0
        sysw icc_igrpen1_el1, 1
        sysr icc_hppir1_el1                // 5
        ack1                               // 5
        ack1                               // 1023: same priority as the running one
        eoi1 5
        ack1                               // 6
        sysr icc_rpr_el1
        eoi1 6
        ack1                               // 1023
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
