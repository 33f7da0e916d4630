"""Make altered copies of a kernel image for boot tests."""

import hashlib
import os
import struct

MB_MAGIC = struct.pack("<I", 0x1BADB002)
PAQ_MAGIC = b"MYRMXPAQ"
PAQ_HDRSIZE = 44                # magic, version, length, entries, mtime, sha1[20]


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


def bootpaq_offset(data):
    """File offset of the bootpaq inside a kernel image. The magic also occurs elsewhere (the
    reader's string, debug info), so take the one occurrence whose header checks out: version
    1, a length that fits, and the SHA-1 of bytes [44, length) (see userland/lib/libpaq/paq.h)."""
    found, i = [], data.find(PAQ_MAGIC)
    while i >= 0:
        if len(data) - i >= PAQ_HDRSIZE:
            version, length = struct.unpack_from("<II", data, i + 8)
            sha1 = data[i + 24:i + 44]
            if version == 1 and PAQ_HDRSIZE <= length <= len(data) - i and \
                    hashlib.sha1(data[i + PAQ_HDRSIZE:i + length]).digest() == sha1:
                found.append((i, length))
        i = data.find(PAQ_MAGIC, i + 1)
    if len(found) != 1:
        raise AssertionError(f"want one valid bootpaq in the kernel image, found {len(found)}")
    return found[0]


def corrupt_bootpaq(src, dst, delta=200):
    """Copy src to dst with one byte `delta` bytes past the bootpaq magic inverted."""
    data = bytearray(open(src, "rb").read())
    off, length = bootpaq_offset(data)
    if not PAQ_HDRSIZE <= delta < length:
        raise AssertionError(f"byte {delta} is outside the bootpaq's SHA-1 ({PAQ_HDRSIZE}..{length})")
    data[off + delta] ^= 0xFF
    return copy(src, dst, data)
