/** The QEMU trace the app ships (public/traces/), recorded with tools/record-qemu-trace.sh. */
export const SAMPLE_TRACE = {
  file: 'traces/linux-6.1-boot-smp2.log.gz',
  name: 'linux-6.1-boot-smp2.log.gz',
  title: 'Linux 6.1 booting on QEMU virt, 2 CPUs (GICv3)',
} as const;
