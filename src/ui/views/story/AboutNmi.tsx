/** The history behind the button, in a few sentences (facts: PRODUCT.md, reference §6 and §9). */
export function AboutNmi() {
  return (
    <details className="about-nmi">
      <summary>About this button</summary>
      <p>
        Arm’s GICv3 has no NMI of its own — only priorities the guest programs. Linux builds
        pseudo-NMIs on them: <code>local_irq_disable()</code> writes a priority mask (PMR 0xC0)
        instead of setting PSTATE.I, so an interrupt at the NMI priority (0x80) still gets through.
      </p>
      <p>
        In 2019 a QEMU RFC proposed that the monitor’s <code>nmi</code> command raise the enabled
        SPIs/PPIs at that priority, round-robin. It was never merged: the GIC has no NMI concept,
        and the priority values are a Linux-internal convention that changes between kernels. On arm{' '}
        <code>virt</code>, <code>nmi</code> still fails with “machine does not provide NMIs”.
        GICv3.3 later added a real NMI: a per-interrupt non-maskable property (superpriority,
        ICC_NMIAR1_EL1).
      </p>
      <p>
        gicscope’s button is a model feature with two modes. <strong>RFC round-robin</strong> raises
        the next enabled interrupt at the guest’s pseudo-NMI priority, as the RFC did.{' '}
        <strong>GICv3.3 architected</strong> raises the next interrupt with the non-maskable
        property.
      </p>
    </details>
  );
}
