#!/usr/bin/env bash
# Records QEMU's gicv3_* trace events on `virt` with a GICv3 and two Cortex-A57s, as test fixtures
# for src/trace (see docs/qemu-traces.md). Two guests:
#   linux  a Debian arm64 kernel boots a small busybox initramfs that keeps both CPUs busy, takes
#          CPU 1 offline and online again, and powers off;
#   probe  tools/gic-probe.S, bare-metal register accesses that Linux never makes.
#
# Usage: tools/record-qemu-trace.sh [linux|probe] [name]      (as root on Debian 12)
# Env:   KERNEL_PKG   arm64 kernel package (default: what linux-image-arm64 depends on, -unsigned)
#        MAX_LINES    keep at most this many log lines (default 200000)
#        TIME_LIMIT   seconds before QEMU is stopped (default 240)
#        INITRAMFS    1 (default) boots the busybox /init below; 0 boots without a rootfs (panic)
#        ROUNDS       how many times /init repeats its busy/sleep/pipe/migrate workload (default 1;
#                     about 3 gives the 350,000-record trace the import benchmark measures)
set -euo pipefail

guest="${1:-linux}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/tools/.work"
fixtures="$root/fixtures/qemu"
max_lines="${MAX_LINES:-200000}"
time_limit="${TIME_LIMIT:-240}"
with_initramfs="${INITRAMFS:-1}"
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$work" "$fixtures"
cd "$work"

host_tool() { # command package: install the (amd64) package if the command is missing
  if ! command -v "$1" >/dev/null; then
    apt-get update -q </dev/null
    apt-get install -y -q --no-install-recommends "$2" </dev/null
  fi
}
arm64_package_lists() {
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
    apt-get update -q </dev/null
  fi
}
fetch() { # arm64 package -> directory it is unpacked in; downloaded and unpacked, never installed
  local dir="$work/$1"
  if [ ! -d "$dir" ]; then
    arm64_package_lists
    rm -f "$work"/"$1"_*.deb
    apt-get download -q -o APT::Sandbox::User=root "$1:arm64" </dev/null >&2
    dpkg -x "$work"/"$1"_*.deb "$dir"
  fi
  echo "$dir"
}
host_tool qemu-system-aarch64 qemu-system-arm

guest_args=()
case "$guest" in
linux)
  host_tool cpio cpio
  if [ -z "${KERNEL_PKG:-}" ]; then
    arm64_package_lists
    image="$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-/ { print $2; exit }')"
    KERNEL_PKG="${image%:arm64}-unsigned"
  fi
  kernel_dir="$(fetch "$KERNEL_PKG")"
  vmlinuz="$(ls "$kernel_dir"/boot/vmlinuz-* | head -n 1)"
  kernel_version="${vmlinuz##*/vmlinuz-}"
  guest_description="$KERNEL_PKG $(dpkg-deb -f "$work"/"$KERNEL_PKG"_*.deb Version)"
  append='console=ttyAMA0 panic=-1 rdinit=/init'
  guest_args=(-kernel "$vmlinuz" -append "$append")
  default_name="linux-${kernel_version}-smp2"
  if [ "$with_initramfs" = 1 ]; then
    # initramfs: static busybox + an /init that keeps both CPUs busy, then powers off
    busybox_dir="$(fetch busybox-static)"
    guest_description+=", busybox-static $(dpkg-deb -f "$work"/busybox-static_*.deb Version) initramfs"
    tree="$work/initramfs"
    rm -rf "$tree" && mkdir -p "$tree"/{bin,proc,sys,dev}
    cp "$busybox_dir/bin/busybox" "$tree/bin/busybox"
    cat >"$tree/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "gicscope-init: $(nproc) CPUs"
for round in $(seq __ROUNDS__); do
spin() { i=0; while [ $i -lt "$1" ]; do i=$((i + 1)); done; }
# both CPUs busy at once: timer ticks and scheduler IPIs
taskset 1 sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i + 1)); done' &
taskset 2 sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i + 1)); done' &
wait
# short sleeps: idle, timer reprogramming, wakeups
for n in 1 2 3 4 5 6 7 8; do sleep 0.02; done
# a pipe from CPU 0 to CPU 1: cross-CPU wakeups (reschedule IPIs)
taskset 1 sh -c 'for n in $(seq 40); do echo $n; sleep 0.01; done' | taskset 2 sh -c 'while read l; do :; done'
# migrate this shell back and forth
for n in 1 2 3 4 5 6; do taskset -p 1 $$ >/dev/null; spin 100; taskset -p 2 $$ >/dev/null; spin 100; done
done
# an SPI: the PL031 RTC alarm, first routed to CPU 0, then to CPU 1 (GICD_IROUTER)
rtc=/sys/class/rtc/rtc0/wakealarm
rtc_irq=$(awk '/rtc-pl031/ { sub(":", "", $1); print $1 }' /proc/interrupts)
for mask in 1 2; do
  [ -n "$rtc_irq" ] && echo $mask >/proc/irq/$rtc_irq/smp_affinity
  echo 0 >$rtc && echo +1 >$rtc && sleep 2
done
# CPU 1 off and on again: its redistributor and CPU interface are initialised once more
echo 0 >/sys/devices/system/cpu/cpu1/online && sleep 0.1
echo 1 >/sys/devices/system/cpu/cpu1/online && sleep 0.1
taskset 2 sh -c 'i=0; while [ $i -lt 500 ]; do i=$((i + 1)); done'
cat /proc/interrupts
echo "gicscope-init: done"
poweroff -f
EOF
    sed -i "s/__ROUNDS__/${ROUNDS:-1}/" "$tree/init"
    chmod +x "$tree/init"
    (cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible -R 0:0) |
      gzip -9n >"$work/initramfs.cpio.gz"
    guest_args+=(-initrd "$work/initramfs.cpio.gz")
  else
    default_name+="-no-rootfs"
  fi
  ;;
probe)
  host_tool aarch64-linux-gnu-as binutils-aarch64-linux-gnu
  aarch64-linux-gnu-as "$root/tools/gic-probe.S" -o gic-probe.o
  aarch64-linux-gnu-ld -Ttext=0x40080000 -e _start gic-probe.o -o gic-probe.elf
  guest_description="tools/gic-probe.S ($(aarch64-linux-gnu-as --version | head -n 1))"
  guest_args=(-kernel gic-probe.elf)
  default_name="gic-probe-smp2"
  ;;
*)
  echo "unknown guest '$guest' (linux or probe)" >&2
  exit 2
  ;;
esac

# --- record ------------------------------------------------------------------------------------
name="${2:-$default_name}"
log="$work/$name.log"
# One TCG thread: both vCPUs run round-robin, so the log order is the only order there is.
# cpu_reset logs "CPU Reset (CPU n)": PSCI CPU_ON resets that CPU's interface (ICC_*) registers.
qemu_args=(-M virt,gic-version=3 -cpu cortex-a57 -smp 2 -m 512 -accel tcg,thread=single
  -nographic -nic none "${guest_args[@]}" -no-reboot -d 'trace:gicv3_*,cpu_reset' -D "$log")
rm -f "$log"
set +e
timeout --foreground -k 5 "$time_limit" qemu-system-aarch64 "${qemu_args[@]}" </dev/null \
  >"$work/$name.console.txt" 2>&1
status=$?
set -e
echo "qemu exit status $status (124 = stopped by the time limit)"

# Trace lines and CPU-reset markers only (not the register dumps that follow each marker), whole
# lines only (a stopped QEMU may leave a partial last line), at most max_lines of them.
grep -aE '^([0-9]+@[0-9]+\.[0-9]+:)?gicv3_|^CPU Reset \(CPU [0-9]+\)$' "$log" >"$log.kept" || true
total_lines="$(wc -l <"$log.kept")"
head -n "$max_lines" "$log.kept" | gzip -9n >"$fixtures/$name.log.gz"
kept_lines="$(gzip -dc "$fixtures/$name.log.gz" | wc -l)"
sha256="$(gzip -dc "$fixtures/$name.log.gz" | sha256sum | cut -d' ' -f1)"

quote() { # shell words -> one line, single-quoting the words that need it
  local out=() word
  for word in "$@"; do
    case "$word" in *[\ \*\']*) out+=("'$word'") ;; *) out+=("$word") ;; esac
  done
  echo "${out[*]}"
}
command_line="qemu-system-aarch64 $(quote "${qemu_args[@]}")"
export name guest_description status total_lines kept_lines sha256
export command_line="${command_line//$work\//}"
export qemu_version="$(qemu-system-aarch64 --version | head -n 1)"
export qemu_package="qemu-system-arm $(dpkg-query -W -f '${Version}' qemu-system-arm)"
node -e '
const e = process.env;
const sidecar = {
  log: `${e.name}.log.gz`,
  qemu: e.qemu_version,
  qemuPackage: e.qemu_package,
  guest: e.guest_description,
  commandLine: e.command_line,
  qemuExitStatus: Number(e.status),
  linesRecorded: Number(e.total_lines),
  linesKept: Number(e.kept_lines),
  sha256OfLog: e.sha256,
};
process.stdout.write(JSON.stringify(sidecar, null, 2) + "\n");
' >"$fixtures/$name.json"
ls -l "$fixtures/$name.log.gz" "$fixtures/$name.json"
