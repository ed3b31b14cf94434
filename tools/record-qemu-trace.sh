#!/usr/bin/env bash
# Records QEMU's gicv3_* trace events on `virt` with a GICv3 and two Cortex-A57s, as test fixtures
# for src/trace (see docs/qemu-traces.md). Four guests:
#   linux  a Debian arm64 kernel boots a small busybox initramfs that keeps both CPUs busy, takes
#          CPU 1 offline and online again, and powers off;
#   msi    the same kernel with a virtio-pci network device whose MSI-X vectors go through the
#          ITS: the busybox /init brings the interface up and sends packets;
#   probe  tools/gic-probe.S, bare-metal register accesses that Linux never makes;
#   its    tools/its-probe.S, bare-metal ITS commands and LPIs.
#
# Usage: tools/record-qemu-trace.sh [linux|msi|probe|its] [name]   (as root on Debian 12)
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
linux | msi)
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
  if [ "$guest" = msi ]; then
    # nokaslr: the linear map then sits at a known offset, which the guest-write watch needs
    append+=' nokaslr'
    guest_args=(-kernel "$vmlinuz" -append "$append")
    default_name="linux-${kernel_version}-virtio-msi-smp2"
    # Two virtio-pci devices (modern only, so MSI-X): a 1 MiB disk at 00:01.0 and an entropy
    # source at 00:02.0; their DeviceIDs at the ITS are the PCI requester IDs 0x8 and 0x10.
    head -c 1048576 /dev/zero >"$work/disk.img"
    guest_args+=(-drive "file=$work/disk.img,if=none,id=disk0,format=raw"
      -device "virtio-blk-pci,drive=disk0,disable-legacy=on,addr=01.0"
      -device "virtio-rng-pci,disable-legacy=on,addr=02.0")
  fi
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
    if [ "$guest" = msi ]; then
      # The virtio drivers are modules in Debian's kernel: copy them in, and replace /init.
      modules="$(ls -d "$kernel_dir"/lib/modules/*)"
      mkdir -p "$tree/modules"
      for m in virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk virtio-rng; do
        cp "$(find "$modules" -name "$m.ko")" "$tree/modules/"
      done
      cat >"$tree/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "gicscope-init: $(nproc) CPUs"
for m in virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk virtio-rng; do
  insmod /modules/$m.ko
done
sleep 0.2
grep -i msi /proc/interrupts
# disk reads from each CPU: one MSI per completed request on that CPU's request queue
taskset 1 dd if=/dev/vda of=/dev/null bs=4k count=48 iflag=direct 2>/dev/null
taskset 2 dd if=/dev/vda of=/dev/null bs=4k count=48 skip=48 iflag=direct 2>/dev/null
# entropy: the rng's virtqueue interrupt
head -c 64 /dev/hwrng >/dev/null
# the rng's LPI moved to CPU 1 (MOVI) and back (the disk's queue vectors are managed: fixed)
irq=$(awk '/virtio1-input/ { sub(":", "", $1); print $1; exit }' /proc/interrupts)
echo "gicscope-init: virtio1 input on irq $irq"
echo 2 >/proc/irq/$irq/smp_affinity
head -c 64 /dev/hwrng >/dev/null
echo 1 >/proc/irq/$irq/smp_affinity
head -c 64 /dev/hwrng >/dev/null
# the rng driver unbound: its vectors are masked (INV with the enable bit clear) and discarded
echo virtio1 >/sys/bus/virtio/drivers/virtio_rng/unbind
cat /proc/interrupts
echo "gicscope-init: done"
poweroff -f
EOF
    fi
    sed -i "s/__ROUNDS__/${ROUNDS:-1}/" "$tree/init"
    chmod +x "$tree/init"
    (cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible -R 0:0) |
      gzip -9n >"$work/initramfs.cpio.gz"
    guest_args+=(-initrd "$work/initramfs.cpio.gz")
  else
    default_name+="-no-rootfs"
  fi
  ;;
probe | its)
  host_tool aarch64-linux-gnu-as binutils-aarch64-linux-gnu
  source="$root/tools/gic-probe.S"
  default_name="gic-probe-smp2"
  if [ "$guest" = its ]; then
    source="$root/tools/its-probe.S"
    default_name="its-probe-smp2"
  fi
  aarch64-linux-gnu-as "$source" -o gic-probe.o
  aarch64-linux-gnu-ld -Ttext=0x40080000 -e _start gic-probe.o -o gic-probe.elf
  guest_description="tools/${source##*/} ($(aarch64-linux-gnu-as --version | head -n 1))"
  guest_args=(-kernel gic-probe.elf)
  ;;
*)
  echo "unknown guest '$guest' (linux, msi, probe or its)" >&2
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
run_qemu() { # extra QEMU arguments...
  rm -f "$log"
  set +e
  timeout --foreground -k 5 "$time_limit" qemu-system-aarch64 "${qemu_args[@]}" "$@" </dev/null \
    >"$work/$name.console.txt" 2>&1
  status=$?
  set -e
}
run_qemu
guest_write_watch=""
if [ "$guest" = msi ]; then
  # Linux writes the LPI configuration table and the level-1 device table in memory, which QEMU
  # does not trace. Their addresses come from this first run (GICR_PROPBASER, GITS_BASER0); the
  # second run is the same boot under gdb, with a write watchpoint on every page of them
  # (tools/guest-writes.gdb.py). Early allocations are deterministic, which the check below proves.
  host_tool gdb-multiarch gdb-multiarch
  tables() {
    node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
const hex = (s) => BigInt("0x" + s);
let prop = null, baser0 = null;
for (const l of lines) {
  let m = /gicv3_redist_write .* 0x0 write: offset 0x70 data 0x([0-9a-f]+) size 8/.exec(l);
  if (m && prop === null) prop = hex(m[1]);
  m = /gicv3_its_write .*offset 0x100 data 0x([0-9a-f]+) size 8/.exec(l);
  if (m && (hex(m[1]) >> 63n) === 1n) baser0 = hex(m[1]);
}
const out = [];
if (prop !== null) {
  const idbits = Number(prop & 0x1fn);
  out.push(`${(prop & 0xffffffffff000n).toString(16)}:${((1 << (idbits + 1)) - 8192).toString(16)}`);
}
if (baser0 !== null && ((baser0 >> 62n) & 1n) === 1n) {
  // 16-bit DeviceIDs need at most the first 4 KB of level-1 entries
  out.push(`${(baser0 & 0xfffffffff000n).toString(16)}:1000`);
}
console.log(out.join(","));' "$1"
  }
  guest_write_watch="$(tables "$log")"
  echo "guest-write watch (physical base:length): $guest_write_watch"
  gdb_port=41234
  run_qemu -gdb "tcp:127.0.0.1:$gdb_port" -S &
  qemu_pid=$!
  sleep 1
  GDB_PORT=$gdb_port TRACE_LOG="$log" WATCH="$guest_write_watch" OUT="$work/$name.writes.jsonl" \
    LINEAR_OFFSET=fffeffffc0000000 timeout -k 5 "$time_limit" \
    gdb-multiarch -nx -batch -x "$root/tools/guest-writes.gdb.py" >"$work/$name.gdb.txt" 2>&1 || true
  wait "$qemu_pid" || true
  status=0
  if [ "$(tables "$log")" != "$guest_write_watch" ]; then
    echo "the second boot put the tables elsewhere ($(tables "$log")); cannot merge" >&2
    exit 1
  fi
  # Each watched write goes right after the trace line that ended where the log then ended.
  node -e '
const fs = require("fs");
const text = fs.readFileSync(process.argv[1], "latin1");
const writes = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const out = [];
let w = 0, at = 0;
const flush = () => {
  while (w < writes.length && writes[w].at <= at) {
    const r = writes[w++];
    out.push(`gicscope_guest_write guest memory write: addr 0x${r.addr} data 0x${r.value} size 8`);
  }
};
flush();
for (const line of text.split("\n")) {
  at += Buffer.byteLength(line, "latin1") + 1;
  out.push(line);
  flush();
}
fs.writeFileSync(process.argv[1], out.join("\n"), "latin1");' "$log" "$work/$name.writes.jsonl"
fi
echo "qemu exit status $status (124 = stopped by the time limit)"

# QEMU does not trace the guest's own memory writes. The ITS probe mirrors each write to a table
# the GIC reads (LPI configuration and pending tables, level-1 device table) into RES0 words of the
# ITS translation frame: the address at 0x100, then the value at 0x108 (1 byte), or 0x110 and 0x114
# (8 bytes, low and high word). Each mirrored write becomes one line
#   gicscope_guest_write guest memory write: addr 0x<hex> data 0x<hex> size <n>
# in place of the translation-frame writes that carried it. Other lines pass unchanged.
guest_writes() {
  node -e '
const rl = require("readline").createInterface({ input: process.stdin });
let addr = null, low = 0n;
rl.on("line", (line) => {
  const m = /gicv3_its_translation_write .*offset 0x([0-9a-f]+) data 0x([0-9a-f]+) /.exec(line);
  const off = m ? Number.parseInt(m[1], 16) : -1;
  const data = m ? BigInt("0x" + m[2]) : 0n;
  const emit = (value, size) =>
    console.log(`gicscope_guest_write guest memory write: addr ${addr} data 0x${value.toString(16)} size ${size}`);
  if (off === 0x100) addr = "0x" + data.toString(16);
  else if (off === 0x108) emit(data, 1);
  else if (off === 0x110) low = data;
  else if (off === 0x114) emit((data << 32n) | low, 8);
  else console.log(line);
});'
}

# Trace lines and CPU-reset markers only (not the register dumps that follow each marker), whole
# lines only (a stopped QEMU may leave a partial last line), at most max_lines of them.
grep -aE '^([0-9]+@[0-9]+\.[0-9]+:)?(gicv3_|gicscope_)|^CPU Reset \(CPU [0-9]+\)$' "$log" | guest_writes >"$log.kept" || true
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
export name guest_description status total_lines kept_lines sha256 guest_write_watch
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
if (e.guest_write_watch) {
  sidecar.guestWrites =
    "gdb-multiarch write watchpoints (tools/guest-writes.gdb.py) on the physical ranges " +
    e.guest_write_watch + " through the linear map; one gicscope_guest_write line per changed doubleword";
}
process.stdout.write(JSON.stringify(sidecar, null, 2) + "\n");
' >"$fixtures/$name.json"
ls -l "$fixtures/$name.log.gz" "$fixtures/$name.json"
