// Reads through a mount -C (MCACHE), whose files are files and not streams: a read
// longer than the iounit sends all its Treads (up to MNTAHEAD) in one write, and a
// sequential reader also sends those of its next read, whose replies then wait in the
// transport: the server answers two reads for each time the reader sleeps.
// The Treads sent ahead belong to the fid (Mfid::ahead) until the next read takes them.
// They are forgotten, never used, when that read is elsewhere, when anything that changes
// files has been sent on the connection since (Mnt::changes), or when this read comes up
// short. Data read ahead is no older than the read before it; a read whose answers sent
// ahead are empty asks again, lest the file seem to end where it has grown since.
// Nothing here is held across a sleep but the RPCs in hand: a process sharing the fid
// finds the ahead list empty, or full of what it may take.
#include "9p/mnt.h"
#include "port/lib.h"

namespace {

int pieces(long span, uint32_t unit)
{
    return static_cast<int>((span + unit - 1) / unit);
}

// The count of the piece at `at` of a read of span bytes.
uint32_t piece_count(long span, long at, uint32_t unit)
{
    return min<uint32_t>(static_cast<uint32_t>(span - at), unit);
}

// Takes the Treads f sent ahead that are this read's first pieces into rs, aimed at buf;
// forgets the rest. Returns how many it took.
[[gnu::hot]] int adopt(Mfid* f, Mntrpc** rs, uint8_t* buf, long span, uint64_t off)
{
    uint32_t unit = mfid_iounit(f);
    int took = 0;
    if (f->aheadgen == f->m->changes) {
        for (; took < f->nahead; took++) {
            Mntrpc* r = f->ahead[took];
            long at = static_cast<long>(took) * unit;
            if (at >= span || r->t.offset != off + at || r->t.count != piece_count(span, at, unit))
                break;
            r->direct = buf + at;
            rs[took] = r;
        }
    }
    for (int i = took; i < f->nahead; i++)
        mnt_forget(f->m, f->ahead[i]);
    f->nahead = 0;
    return took;
}

// Makes the Treads rs[have..total): the rest of this read's `want` pieces into buf, then
// the next read's, and sends them in one write. The next read's go to f->ahead. Returns
// how many of this read's are out, or the error if none is.
[[gnu::hot]] Result<int> send_reads(Mfid* f, Mntrpc** rs, int have, int want, int total, uint8_t* buf, long span, uint64_t off)
{
    Mnt* m = f->m;
    uint32_t unit = mfid_iounit(f);
    Result<void> err;
    int made = have;
    for (; made < total; made++) {
        auto r = mnt_rpcalloc(m);
        if (r.is_error()) {
            err = r.error();
            break;
        }
        Mntrpc* rpc = r.value();
        bool next = made >= want;
        long at = static_cast<long>(made - (next ? want : 0)) * unit;
        rpc->t.type = Tread;
        rpc->t.fid = f->fid;
        rpc->t.offset = off + (next ? span : 0) + at;
        rpc->t.count = piece_count(span, at, unit);
        rpc->direct = next ? nullptr : buf + at;
        rs[made] = rpc;
    }
    if (made > have) {
        uint32_t gen = m->changes;
        err = mnt_send(m, rs + have, made - have);
        if (err.is_error()) {
            while (made > have)
                mnt_rpcfree(m, rs[--made]);
        } else if (made > want) {
            mnt_forget_ahead(f);  // another reader of the fid may have sent some meanwhile
            f->nahead = made - want;
            for (int i = 0; i < f->nahead; i++)
                f->ahead[i] = rs[want + i];
            f->aheadgen = gen;
            made = want;
        }
    }
    if (made == 0)
        return err.error();
    return made;
}

}  // namespace

void mnt_forget_ahead(Mfid* f)
{
    while (f->nahead > 0)
        mnt_forget(f->m, f->ahead[--f->nahead]);
}

// The replies are taken in order up to the first short one, error or pending note; later
// ones are still awaited (their data lands beyond what the caller is told it got), and
// after an interrupt the rest are flushed.
[[gnu::hot]] Result<long> mnt_read_ahead(Mfid* f, uint8_t* buf, long n, uint64_t off)
{
    Mnt* m = f->m;
    uint32_t unit = mfid_iounit(f);
    long span = min<long>(n, MNTAHEAD * static_cast<long>(unit));
    int want = pieces(span, unit);
    Mntrpc* rs[2 * MNTAHEAD];  // this read's Treads, then the next one's
    int have = adopt(f, rs, buf, span, off);
    int total = want + (off == f->nextoff ? want : 0);
    int made = TRY(send_reads(f, rs, have, want, total, buf, span, off));
    long done = 0;
    const char* err = nullptr;  // of the first piece, which alone may fail the read
    bool more = true, interrupted = false;
    for (int i = 0; i < made; i++) {
        Mntrpc* rpc = rs[i];
        if (interrupted) {
            mnt_abandon(m, rpc);
        } else if (auto w = mnt_await(m, rpc); w.is_error()) {
            interrupted = w.error() == Eintr;
            if (i == 0)
                err = w.error();
            more = false;
        } else if (more) {
            uint32_t got = rpc->r.count;
            if (rpc->r.data != buf + done)
                memcpy(buf + done, rpc->r.data, got);
            done += got;
            more = got == rpc->t.count && !up->notepending;
        }
        mnt_rpcfree(m, rpc);
    }
    f->nextoff = done == span ? off + span : ~0ull;
    if (done != span)
        mnt_forget_ahead(f);
    if (err)
        return err;
    // An empty answer to a Tread sent ahead may be from before the file grew: asked
    // again, it cannot end the reader's file early. (Nothing is ahead now: no loop.)
    if (done == 0 && have > 0 && !interrupted && !up->notepending)
        return mnt_read_ahead(f, buf, span, off);
    return done;
}
