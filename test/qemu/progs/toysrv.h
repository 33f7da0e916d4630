// toysrv: a small 9P server for testing the kernel's mount driver, with a tree of fixed
// files whose behaviour the tests rely on:
//   data   64 bytes "0123...", writes are accepted and dropped
//   slow   reads are answered only when flushed (Rflush), so a reader waits
//   stuck  reads are never answered, nor are flushes of them
//   fids   reads give the number of fids the server holds, in decimal
// A walk to the name slowwalk (there is no such file) is answered only when flushed.
// With badness > 0 it also lies: that percentage of its replies (other than to Tversion
// and Tflush) is broken in one of many ways, chosen by a seeded generator: wrong tags and
// types, sizes above msize or below a header, counts above what was asked, bad stat
// entries, garbage bodies, long errors, duplicated and missing replies.
#pragma once

// Serve 9P on fd until end of file; returns the number of messages answered.
long toysrv(int fd, unsigned seed, int badness);
