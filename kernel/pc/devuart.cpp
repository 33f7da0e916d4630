// #t: serial lines other than the console, named as Plan 9's uart device names them.
// eia1 is COM2 (0x2F8, IRQ 3); eia0, COM1, is the console and stays with #c. A line is 8
// bits clean: no echo, no editing, no CR/LF mapping, so 9P can run over it. eia1ctl takes
// Plan 9's b l p s d r commands and reads as the line's number; eia1status shows the
// settings and error counts. Without a UART at 0x2F8 the directory is empty.
//
// Input: the interrupt handler moves bytes from the UART into a ring that readers drain,
// sleeping while it is empty (a note interrupts the sleep). When the ring is full the
// handler leaves bytes in the UART and turns the receive interrupt and RTS off, so a peer
// that honours flow control (QEMU's chardev does) loses nothing; a reader making room
// turns them back on. Output is polled, a FIFO load at a time; a transmitter that stays
// busy (a peer that stopped reading) makes the writer sleep a tick at a time.
// Locks: rlock, then ilock (the ring and the UART's registers, shared with the interrupt
// handler); wlock alone. User memory is never touched with interrupts off.
#include "lib9/sys.h"
#include "pc/pc.h"
#include "port/chan.h"
#include "port/lib.h"
#include "port/proc.h"

namespace {

enum : uint64_t { Qdir, Qdata, Qctl, Qstatus };
constexpr uint32_t Nring = 8192;
constexpr int Fifo = 16;  // bytes the transmitter takes once it is empty
constexpr int Spin = 10000;  // transmitter polls before the writer sleeps
enum : uint8_t { Oe = 0x02, Fe = 0x08 };  // line status: overrun, framing error

const Dirtab uartdir[] = {
    { ".", { Qdir, 0, QTDIR }, 0, DMDIR | 0555 },
    { "eia1", { Qdata }, 0, 0660 },
    { "eia1ctl", { Qctl }, 0, 0660 },
    { "eia1status", { Qstatus }, 0, 0444 },
};

struct Eia {
    constexpr Eia(uint16_t base, int irq_, int line_) : uart { base }, irq(irq_), line(line_) {}

    I8250 uart;
    int irq;
    int line;  // its number: eiaN
    bool present = false;
    int opens = 0;  // open data and ctl files; the line is on while there are any

    uint32_t baud = 115200;
    int bits = 8;
    char parity = 'n';
    int stop = 1;
    bool dtr = true, rts = true;

    ILock ilock;  // the ring and the counts below, shared with the interrupt handler
    uint8_t ring[Nring] = {};
    uint32_t rp = 0, n = 0;  // where reads start, bytes waiting
    bool stalled = false;  // ring full: receive interrupt and RTS off
    uint32_t overruns = 0, framing = 0;
    uint32_t stalls = 0;  // times the ring filled and input was held off (Plan 9's serr)

    QLock rlock, wlock;  // one sleeping reader, one sleeping writer
    Rendez rr, wr;
};

Eia eia1(0x2F8, 3, 1);

uint8_t lcr_of(const Eia& e)
{
    uint8_t lcr = uint8_t(e.bits - 5) | (e.stop == 2 ? 0x04 : 0);
    switch (e.parity) {
    case 'o': return lcr | 0x08;
    case 'e': return lcr | 0x18;
    case 'm': return lcr | 0x28;
    case 's': return lcr | 0x38;
    }
    return lcr;
}

// Moves received bytes into the ring while it has room; with interrupts off.
void fill_locked(Eia& e)
{
    uint8_t lsr;
    while (e.n < Nring && I8250::rxready(lsr = e.uart.lsr())) {
        e.overruns += (lsr & Oe) != 0;
        e.framing += (lsr & Fe) != 0;
        e.ring[(e.rp + e.n++) % Nring] = e.uart.rx();
    }
    bool full = e.n == Nring;
    if (full != e.stalled) {
        e.stalled = full;
        e.stalls += full;
        e.uart.rxintr(!full);
        e.uart.modem(e.dtr, e.rts && !full);
    }
}

bool readable(void* a) { return static_cast<Eia*>(a)->n > 0; }
bool txempty(void* a) { return I8250::txready(static_cast<Eia*>(a)->uart.lsr()); }

Result<long> eia_read(Eia& e, uint8_t* buf, long n)
{
    if (n <= 0)
        return 0L;
    QLocker r(e.rlock);
    TRY(r.got());
    TRY(sleep(&e.rr, readable, &e));
    // Only this reader takes bytes out and the handler only adds after them, so the copy
    // to the user's buffer (which may fault) runs with interrupts on.
    uint32_t rp = e.rp;
    uint32_t m = min<uint32_t>(uint32_t(n), e.n);
    uint32_t first = min(m, Nring - rp);
    memcpy(buf, e.ring + rp, first);
    memcpy(buf + first, e.ring, m - first);
    Locker i(e.ilock);
    e.rp = (rp + m) % Nring;
    e.n -= m;
    if (e.stalled)
        fill_locked(e);
    return long(m);
}

Result<long> eia_write(Eia& e, const uint8_t* buf, long n)
{
    QLocker w(e.wlock);
    TRY(w.got());
    for (long done = 0; done < n;) {
        int spins = 0;
        while (!txempty(&e)) {
            if (++spins < Spin)
                continue;
            auto slept = tsleep(&e.wr, txempty, &e, 1000 / HZ);
            if (slept.is_error())
                return done ? Result<long>(done) : Result<long>(slept.error());
        }
        for (long k = min<long>(n - done, Fifo); k > 0; k--)
            e.uart.tx(buf[done++]);
    }
    return n;
}

// The line's settings into effect; ctl commands call it after each change. With
// interrupts off: while the divisor latch is open the handler would read it as data.
Result<void> program(Eia& e)
{
    Locker i(e.ilock);
    if (!e.uart.line(e.baud, lcr_of(e)))
        return Ebadarg;
    e.uart.modem(e.dtr, e.rts && !e.stalled);
    return {};
}

// The number after a ctl command's letter (all of the rest of it), or -1.
long ctlnum(const char* p)
{
    long v = 0;
    if (!*p)
        return -1;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > 10000000)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

// One ctl command, Plan 9's letter and value: b115200 l8 pn s1 d1 r1.
Result<void> ctl1(Eia& e, const char* cmd)
{
    long v = ctlnum(cmd + 1);
    switch (cmd[0]) {
    case 'b':
    case 'B': {
        uint32_t old = e.baud;
        e.baud = uint32_t(v);
        if (v <= 0 || program(e).is_error()) {
            e.baud = old;
            return Ebadarg;
        }
        return {};
    }
    case 'l':
    case 'L':
        if (v < 5 || v > 8)
            return Ebadarg;
        e.bits = int(v);
        break;
    case 's':
    case 'S':
        if (v != 1 && v != 2)
            return Ebadarg;
        e.stop = int(v);
        break;
    case 'p':
    case 'P':
        if (!cmd[1] || cmd[2] || !strchr("noems", cmd[1]))
            return Ebadarg;
        e.parity = cmd[1];
        break;
    case 'd':
    case 'D':
        if (v != 0 && v != 1)
            return Ebadarg;
        e.dtr = v;
        break;
    case 'r':
    case 'R':
        if (v != 0 && v != 1)
            return Ebadarg;
        e.rts = v;
        break;
    default:
        return Ebadctl;
    }
    return program(e);
}

// A ctl write: blank-separated commands, done in order up to the first bad one.
Result<long> eia_ctl(Eia& e, const char* buf, long n)
{
    char msg[128];
    if (n >= long(sizeof msg))
        return Etoobig;
    memcpy(msg, buf, n);
    msg[n] = 0;
    for (char* p = msg; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        char* word = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (*p)
            *p++ = 0;
        if (*word)
            TRY(ctl1(e, word));
    }
    return n;
}

// The FIFO is not cleared: what a peer sent before the open (it waits in the FIFO and,
// under flow control, in the peer) is the start of the conversation.
void line_on(Eia& e)
{
    Locker i(e.ilock);
    e.rp = e.n = 0;
    e.stalled = false;
    e.uart.modem(e.dtr, e.rts);
    e.uart.rxintr(true);
    fill_locked(e);
}

// Input waits in the FIFO and, held off by RTS, in the peer until the next open.
void line_off(Eia& e)
{
    Locker i(e.ilock);
    e.uart.rxintr(false);
    e.uart.modem(e.dtr, false);
    e.rp = e.n = 0;
    e.stalled = false;
}

}  // namespace

void eia_reset()
{
    Eia& e = eia1;
    e.present = e.uart.probe();
    if (!e.present)
        return;
    e.uart.rxintr(false);
    (void)e.uart.line(e.baud, lcr_of(e));
    e.uart.fifo(14);  // an interrupt per FIFO load, not per byte
    e.uart.modem(e.dtr, e.rts);
    i8259_enable(e.irq);
}

void eia_interrupt()
{
    if (!eia1.present)
        return;
    Locker i(eia1.ilock);
    fill_locked(eia1);
    wakeup(&eia1.rr);
}

class UartDev final : public TabDev {
public:
    constexpr UartDev() : TabDev('t', "uart", uartdir, nelem(uartdir)) {}

    bool gen(Chan* dir, int i, DirBuf& db) override
    {
        return eia1.present && TabDev::gen(dir, i, db);
    }

    Result<Chan*> open(Chan* c, int omode) override
    {
        TRY(Dev::open(c, omode));
        if ((c->qid.path == Qdata || c->qid.path == Qctl) && eia1.opens++ == 0)
            line_on(eia1);
        return c;
    }

    void close(Chan* c) override
    {
        if (c->open && (c->qid.path == Qdata || c->qid.path == Qctl) && --eia1.opens == 0)
            line_off(eia1);
    }

    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override
    {
        char s[160];
        switch (c->qid.path) {
        case Qdir:
            return dirread(c, buf, n, off);
        case Qdata:
            return eia_read(eia1, static_cast<uint8_t*>(buf), n);
        case Qctl:
            snprint(s, sizeof s, "%11d ", eia1.line);
            return read_string(buf, n, off, s);
        case Qstatus: {
            Eia& e = eia1;
            snprint(s, sizeof s, "b%u c0 d%d e0 l%d m0 p%c r%d s%d i1\n"
                "dev(%d) type(0) framing(%u) overruns(%u) berr(0) serr(%u)\n",
                e.baud, e.dtr, e.bits, e.parity, e.rts, e.stop, e.line, e.framing, e.overruns, e.stalls);
            return read_string(buf, n, off, s);
        }
        }
        return Eperm;
    }

    Result<long> write(Chan* c, const void* buf, long n, uint64_t) override
    {
        switch (c->qid.path) {
        case Qdata:
            return eia_write(eia1, static_cast<const uint8_t*>(buf), n);
        case Qctl:
            return eia_ctl(eia1, static_cast<const char*>(buf), n);
        }
        return Eperm;
    }
};

namespace {
UartDev instance;
}
Dev& uartdev = instance;
