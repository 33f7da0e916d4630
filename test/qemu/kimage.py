"""Make altered copies of a kernel image for boot tests."""

import os
import struct

MB_MAGIC = struct.pack("<I", 0x1BADB002)
PAQ_MAGIC = b"MYRMXPAQ"
PAQ_HEADER = 40                 # bytes after the magic


def copy(src, dst, data):
    with open(dst, "wb") as f:
        f.write(data)
    os.chmod(dst, os.stat(src).st_mode & 0o777)
    return dst


def pvh_only(src, dst):
    """Copy src to dst with every Multiboot 1 magic in its first 8 KiB (4-byte aligned, where
    a loader looks) zeroed, so QEMU -kernel falls back to the PVH ELF note."""
    data = bytearray(open(src, "rb").read())
    hits = [off for off in range(0, min(len(data), 8192) - 3, 4) if data[off:off + 4] == MB_MAGIC]
    if not hits:
        raise AssertionError(f"{src}: no Multiboot magic 0x1BADB002 in the first 8 KiB")
    for off in hits:
        data[off:off + 4] = bytes(4)
    return copy(src, dst, data)


def _sections(data):
    """(file offset, size) of every ELF32 section that occupies file bytes."""
    if data[:4] != b"\x7fELF" or data[4] != 1:
        return []
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
    out = []
    for i in range(shnum):
        _, typ, _, _, off, size = struct.unpack_from("<IIIIII", data, shoff + i * shentsize)
        if typ != 8:            # SHT_NOBITS holds no bytes
            out.append((off, size))
    return out


def bootpaq_offset(data):
    """File offset of the bootpaq's magic. The magic also appears as a string in the paq
    reader, so prefer an occurrence that starts an ELF section, then one that is not a
    NUL-terminated string and has room for the header; refuse to guess among several."""
    hits, i = [], data.find(PAQ_MAGIC)
    while i >= 0:
        hits.append(i)
        i = data.find(PAQ_MAGIC, i + 1)
    if not hits:
        raise AssertionError("no MYRMXPAQ magic in the kernel image")
    starts = {off for off, _ in _sections(data)}
    for pick in ([h for h in hits if h in starts],
                 [h for h in hits if data[h + 8:h + 9] != b"\0" and len(data) - h > PAQ_HEADER + 8 + 256]):
        if len(pick) == 1:
            return pick[0]
    raise AssertionError(f"MYRMXPAQ occurs at {[hex(h) for h in hits]}; cannot tell which one is "
                         "the bootpaq (put it at the start of its own ELF section)")


def corrupt_bootpaq(src, dst, delta=200):
    """Copy src to dst with one byte `delta` bytes past the bootpaq magic inverted."""
    data = bytearray(open(src, "rb").read())
    off = bootpaq_offset(data) + delta
    data[off] ^= 0xFF
    return copy(src, dst, data)
