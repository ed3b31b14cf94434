# gdb (gdb-multiarch) script for tools/record-qemu-trace.sh: watches the guest's writes to the
# memory the GIC reads (LPI configuration table, level-1 device table), which QEMU does not trace.
#
# QEMU runs with its gdbstub; every watched 4 KB page gets one write watchpoint on the guest's
# virtual address (Linux writes these tables through its linear map). When a write changes a page,
# the changed bytes are recorded with the size the trace log (-D file) had at that moment: QEMU
# flushes each trace line as it prints it, and the guest is stopped while this runs, so the write
# belongs right after the last line printed. The merge step turns each record into a
# `gicscope_guest_write` line at that place.
#
# Environment: GDB_PORT, TRACE_LOG (QEMU's -D file), WATCH (comma-separated physical
# base:length pairs, hex), LINEAR_OFFSET (virtual minus physical address of the linear map, hex),
# OUT (JSON lines written here).
import json
import os

import gdb

port = os.environ["GDB_PORT"]
trace_log = os.environ["TRACE_LOG"]
linear = int(os.environ["LINEAR_OFFSET"], 16)
out = open(os.environ["OUT"], "w")
PAGE = 4096


class PageWatch(gdb.Breakpoint):
    def __init__(self, phys):
        self.phys = phys
        self.virt = (phys + linear) & 0xFFFFFFFFFFFFFFFF
        self.shadow = bytes(PAGE)
        super().__init__(
            "*(unsigned char(*)[%d])0x%x" % (PAGE, self.virt),
            gdb.BP_WATCHPOINT,
            gdb.WP_WRITE,
            internal=True,
        )

    def stop(self):
        now = bytes(gdb.selected_inferior().read_memory(self.virt, PAGE))
        offset = os.path.getsize(trace_log)
        # one record per changed aligned doubleword
        for i in range(0, PAGE, 8):
            if now[i : i + 8] != self.shadow[i : i + 8]:
                value = int.from_bytes(now[i : i + 8], "little")
                # hex strings: a JSON number would lose bits above 2^53
                record = {"at": offset, "addr": "%x" % (self.phys + i), "value": "%x" % value}
                out.write(json.dumps(record) + "\n")
        self.shadow = now
        return False


gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set architecture aarch64")
gdb.execute("set can-use-hw-watchpoints 1")
gdb.execute("target remote :%s" % port)
for pair in os.environ["WATCH"].split(","):
    base, length = (int(x, 16) for x in pair.split(":"))
    for page in range(base - base % PAGE, base + length, PAGE):
        PageWatch(page)
try:
    gdb.execute("continue")
except gdb.error:
    pass  # QEMU exited (poweroff): the remote connection closed
out.close()
