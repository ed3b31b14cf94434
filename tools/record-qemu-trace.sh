#!/usr/bin/env bash
# Records QEMU's gicv3_* trace events while a Debian arm64 kernel boots on `virt` with a GICv3,
# runs a small busybox initramfs on both CPUs and powers off. The log becomes a test fixture.
#
# Usage: tools/record-qemu-trace.sh [name]            (run as root on Debian 12)
# Env:   KERNEL_PKG   arm64 kernel package (default: what linux-image-arm64 depends on, -unsigned)
#        MAX_LINES    keep at most this many trace lines (default 200000)
#        TIME_LIMIT   seconds before QEMU is stopped (default 240)
#        INITRAMFS    1 (default) boots the busybox /init below; 0 boots without a rootfs (panic)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/tools/.work"
fixtures="$root/fixtures/qemu"
max_lines="${MAX_LINES:-200000}"
time_limit="${TIME_LIMIT:-240}"
with_initramfs="${INITRAMFS:-1}"
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$work" "$fixtures"

# --- host tools (amd64): QEMU and cpio ---------------------------------------------------------
if ! command -v qemu-system-aarch64 >/dev/null || ! command -v cpio >/dev/null; then
  apt-get update -q </dev/null
  apt-get install -y -q --no-install-recommends qemu-system-arm cpio </dev/null
fi

# --- guest packages (arm64): only downloaded and unpacked, never installed ---------------------
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  apt-get update -q </dev/null
fi
if [ -z "${KERNEL_PKG:-}" ]; then
  image="$(apt-cache depends linux-image-arm64:arm64 | awk '/Depends: linux-image-/ { print $2; exit }')"
  KERNEL_PKG="${image%:arm64}-unsigned"
fi
cd "$work"
fetch() { # package -> unpack directory
  local dir="$work/$1"
  if [ ! -d "$dir" ]; then
    rm -f "$work"/"$1"_*.deb
    apt-get download -q -o APT::Sandbox::User=root "$1:arm64" </dev/null >&2
    dpkg -x "$work"/"$1"_*.deb "$dir"
  fi
  echo "$dir"
}
kernel_dir="$(fetch "$KERNEL_PKG")"
vmlinuz="$(ls "$kernel_dir"/boot/vmlinuz-* | head -n 1)"
kernel_version="${vmlinuz##*/vmlinuz-}"
kernel_deb_version="$(dpkg-deb -f "$work"/"$KERNEL_PKG"_*.deb Version)"

# --- initramfs: static busybox + an /init that keeps both CPUs busy, then powers off -----------
initrd_args=()
if [ "$with_initramfs" = 1 ]; then
  busybox_dir="$(fetch busybox-static)"
  busybox_version="$(dpkg-deb -f "$work"/busybox-static_*.deb Version)"
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
  chmod +x "$tree/init"
  (cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible -R 0:0) |
    gzip -9n >"$work/initramfs.cpio.gz"
  initrd_args=(-initrd "$work/initramfs.cpio.gz")
fi

# --- record ------------------------------------------------------------------------------------
name="${1:-linux-${kernel_version}-smp2}"
log="$work/$name.log"
append='console=ttyAMA0 panic=-1 rdinit=/init'
# One TCG thread: both vCPUs run round-robin, so the log order is the only order there is.
qemu_args=(-M virt,gic-version=3 -cpu cortex-a57 -smp 2 -m 512 -accel tcg,thread=single
  -nographic -nic none -kernel "$vmlinuz" "${initrd_args[@]}" -append "$append" -no-reboot
  -d 'trace:gicv3_*' -D "$log")
rm -f "$log"
set +e
timeout --foreground -k 5 "$time_limit" qemu-system-aarch64 "${qemu_args[@]}" </dev/null \
  >"$work/$name.console.txt" 2>&1
status=$?
set -e
echo "qemu exit status $status (124 = stopped by the time limit)"

# Whole lines only (a stopped QEMU may leave a partial last line), at most max_lines of them.
total_lines="$(wc -l <"$log")"
head -n "$max_lines" "$log" | gzip -9n >"$fixtures/$name.log.gz"
kept_lines="$(gzip -dc "$fixtures/$name.log.gz" | wc -l)"
sha256="$(gzip -dc "$fixtures/$name.log.gz" | sha256sum | cut -d' ' -f1)"

qemu_version="$(qemu-system-aarch64 --version | head -n 1)"
qemu_deb_version="$(dpkg-query -W -f '${Version}' qemu-system-arm)"
quote() { # shell words -> one line, single-quoting the words that need it
  local out=() word
  for word in "$@"; do
    case "$word" in *[\ \*\']*) out+=("'$word'") ;; *) out+=("$word") ;; esac
  done
  echo "${out[*]}"
}
command_line="qemu-system-aarch64 $(quote "${qemu_args[@]}")"
export name qemu_version qemu_deb_version kernel_version KERNEL_PKG kernel_deb_version append status \
  total_lines kept_lines sha256 with_initramfs
export busybox_version="${busybox_version:-}" command_line="${command_line//$work\//}"
node -e '
const e = process.env;
const sidecar = {
  log: `${e.name}.log.gz`,
  qemu: e.qemu_version,
  qemuPackage: `qemu-system-arm ${e.qemu_deb_version}`,
  kernel: e.kernel_version,
  kernelPackage: `${e.KERNEL_PKG} ${e.kernel_deb_version}`,
  initramfs: e.with_initramfs === "1" ? `busybox-static ${e.busybox_version}, /init from tools/record-qemu-trace.sh` : null,
  commandLine: e.command_line,
  append: e.append,
  qemuExitStatus: Number(e.status),
  linesRecorded: Number(e.total_lines),
  linesKept: Number(e.kept_lines),
  sha256OfLog: e.sha256,
};
process.stdout.write(JSON.stringify(sidecar, null, 2) + "\n");
' >"$fixtures/$name.json"
ls -l "$fixtures/$name.log.gz" "$fixtures/$name.json"
