// #c: the console device. Input is cooked here: bytes from the keyboard and serial
// interrupts are echoed and edited (^H erase, ^U kill line, ^D end of file, Delete
// drops the line and posts "interrupt" to the note group of the process reading the
// console) and complete lines are queued for readers. One reader at a time sleeps for input (rdlock), so the Rendez never has two.
#include "lib9/sys.h"
#include "port/chan.h"
#include "port/conf.h"
#include "port/lib.h"
#include "port/alloc.h"
#include "port/page.h"
#include "port/portfns.h"
#include "port/proc.h"
#include "port/stats.h"

namespace {

enum : uint64_t { Qdir, Qcons, Qconsctl, Qhostowner, Qkprint, Qnull, Qpid, Qppid, Qreboot, Qswap, Qsysname,
    Qsysstat, Qtime, Quser };

const Dirtab consdir[] = {
    { ".", { Qdir, 0, QTDIR }, 0, DMDIR | 0555 },
    { "cons", { Qcons }, 0, 0660 },
    { "consctl", { Qconsctl }, 0, 0220 },
    { "hostowner", { Qhostowner }, 0, 0444 },
    { "kprint", { Qkprint }, 0, 0444 },
    { "null", { Qnull }, 0, 0666 },
    { "pid", { Qpid }, 0, 0444 },
    { "ppid", { Qppid }, 0, 0444 },
    { "reboot", { Qreboot }, 0, 0220 },
    { "swap", { Qswap }, 0, 0444 },
    { "sysname", { Qsysname }, 0, 0444 },
    { "sysstat", { Qsysstat }, 0, 0444 },
    { "time", { Qtime }, 0, 0664 },
    { "user", { Quser }, 0, 0666 },
};

// Cooked input: `line` is the line being typed; `ready` holds finished lines.
struct Input {
    char line[512];
    int nline;
    char ready[4096];
    int rhead, rcount;  // ring buffer
    int eofs;  // ^D typed on an empty line: that many reads return 0
    Rendez r;
    QLock rdlock;
    int noteid;  // the note group of the last reader: Delete interrupts it
    int raw;  // opens of consctl that asked for rawon: no echo, no editing
} in;

void echo(const char* s, int n)
{
    console_write(s, n);
}

void queue_byte(char c)
{
    if (in.rcount < static_cast<int>(sizeof in.ready)) {
        in.ready[(in.rhead + in.rcount) % sizeof in.ready] = c;
        in.rcount++;
    }
}

bool input_ready(void*)
{
    return in.rcount > 0 || in.eofs > 0;
}

}  // namespace

void cons_input(int c)
{
    if (in.raw) {
        queue_byte(static_cast<char>(c));
        wakeup(&in.r);
        return;
    }
    switch (c) {
    case '\r':
        c = '\n';
        [[fallthrough]];
    case '\n':
        echo("\n", 1);
        for (int i = 0; i < in.nline; i++)
            queue_byte(in.line[i]);
        queue_byte('\n');
        in.nline = 0;
        wakeup(&in.r);
        return;
    case 0x04:  // ^D
        if (in.nline == 0)
            in.eofs++;
        for (int i = 0; i < in.nline; i++)
            queue_byte(in.line[i]);
        in.nline = 0;
        wakeup(&in.r);
        return;
    case 0x08:  // ^H
        if (in.nline > 0) {
            in.nline--;
            echo("\b \b", 3);
        }
        return;
    case 0x15:  // ^U
        while (in.nline > 0) {
            in.nline--;
            echo("\b \b", 3);
        }
        return;
    case 0x7F:  // Delete: drop the line and interrupt whoever reads the console
        in.nline = 0;
        echo("\n", 1);
        if (in.noteid)
            postnote_group(in.noteid, "interrupt");
        return;
    }
    if (in.nline < static_cast<int>(sizeof in.line)) {
        char ch = static_cast<char>(c);
        in.line[in.nline++] = ch;
        echo(&ch, 1);
    }
}

class ConsDev final : public TabDev {
public:
    constexpr ConsDev() : TabDev('c', "cons", consdir, nelem(consdir)) {}
    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override;
    Result<long> write(Chan* c, const void* buf, long n, uint64_t off) override;
    void close(Chan* c) override;

private:
    static Result<long> read_cons(char* buf, long n);
    static Result<long> write_ctl(Chan* c, const char* msg);
};

ConsDev consdev_instance;
Dev& consdev = consdev_instance;

Result<long> ConsDev::read_cons(char* buf, long n)
{
    QLocker l(in.rdlock);
    TRY(l.got());
    in.noteid = up->noteid;
    TRY(sleep(&in.r, input_ready, nullptr));
    int s = splhi();
    long m = 0;
    if (in.rcount == 0) {
        in.eofs--;
    } else {
        while (m < n && in.rcount > 0) {
            char c = in.ready[in.rhead];
            in.rhead = (in.rhead + 1) % sizeof in.ready;
            in.rcount--;
            buf[m++] = c;
            if (c == '\n')
                break;
        }
    }
    splx(s);
    return m;
}

Result<long> ConsDev::read(Chan* c, void* buf, long n, uint64_t off)
{
    char tmp[256];
    switch (c->qid.path) {
    case Qdir:
        return dirread(c, buf, n, off);
    case Qcons:
        return read_cons(static_cast<char*>(buf), n);
    case Qhostowner:
        return read_string(buf, n, off, conf_hostowner());
    case Qsysname:
        return read_string(buf, n, off, conf_sysname());
    case Quser:
        return read_string(buf, n, off, up->user);
    case Qpid:
    case Qppid:
        snprint(tmp, sizeof tmp, "%11d ", c->qid.path == Qpid ? up->pid : up->ppid);
        return read_string(buf, n, off, tmp);
    case Qtime:
        snprint(tmp, sizeof tmp, "%12llu %21llu %21llu %21u", time_ns() / 1000000000, time_ns(), ticks(), HZ);
        return read_string(buf, n, off, tmp);
    case Qkprint:
        return kmesg_read(buf, n, off);
    case Qnull:
        return 0L;
    case Qsysstat: {
        const SysStats& st = sysstats();
        uint64_t busy = ticks() - st.idle_ticks;
        snprint(tmp, sizeof tmp, "%11d %11u %11u %11u %11u %11d %11d %11u %11u %11d\n", 0, st.context_switches,
            st.interrupts, st.syscalls, st.faults, 0, 0, st.load, ticks() ? static_cast<uint32_t>(100 - busy * 100 / ticks()) : 100, 0);
        return read_string(buf, n, off, tmp);
    }
    case Qswap: {
        uint32_t total = page_total_count(), free = page_free_count();
        snprint(tmp, sizeof tmp, "%llu memory\n4096 pagesize\n%u kernel\n%u/%u user\n0/0 swap\n%u/%u kernel malloc\n",
            conf_memory_bytes(), conf_kernel_pages(), total - free, total, heap_bytes_in_use(), heap_bytes_total());
        return read_string(buf, n, off, tmp);
    }
    }
    return Eperm;
}

Result<long> ConsDev::write_ctl(Chan* c, const char* msg)
{
    if (strcmp(msg, "rawon") == 0) {
        if (!c->aux)
            in.raw++;
        c->aux = 1;
    } else if (strcmp(msg, "rawoff") == 0) {
        if (c->aux)
            in.raw--;
        c->aux = 0;
    } else {
        return Ebadctl;
    }
    return 0L;
}

void ConsDev::close(Chan* c)
{
    if (c->open && c->qid.path == Qconsctl && c->aux)  // raw mode lasts while consctl is open
        in.raw--;
}

Result<long> ConsDev::write(Chan* c, const void* buf, long n, uint64_t)
{
    char msg[64];
    long m = min<long>(n, sizeof msg - 1);
    memcpy(msg, buf, m);
    msg[m] = 0;
    if (m > 0 && msg[m - 1] == '\n')
        msg[m - 1] = 0;
    switch (c->qid.path) {
    case Qcons:
        console_write(static_cast<const char*>(buf), n);
        return n;
    case Qnull:
        return n;
    case Qconsctl:
        TRY(write_ctl(c, msg));
        return n;
    case Quser:  // anyone may become none; nobody becomes anyone else
        if (strcmp(msg, "none") != 0)
            return Eperm;
        kstrcpy(up->user, "none", KNAMELEN);
        return n;
    case Qtime: {
        if (strcmp(current_user(), eve()) != 0)
            return Eperm;
        uint64_t secs = 0;
        for (const char* p = msg; *p >= '0' && *p <= '9'; p++)
            secs = secs * 10 + (*p - '0');
        time_set(secs);
        return n;
    }
    case Qreboot:
        if (strcmp(current_user(), eve()) != 0)
            return Eperm;
        if (strcmp(msg, "reboot") == 0)
            arch_reboot();
        if (strcmp(msg, "halt") == 0)
            arch_halt();
        return Ebadctl;
    }
    return Eperm;
}
