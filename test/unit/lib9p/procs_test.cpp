// Requests answered from other threads (the host's stand-in for rfork RFMEM processes):
// worker threads respond to held reads while the test goes on feeding the Conn walks,
// stats and clunks. Srv::lock must keep the tables, the fid references and the replies
// (the harness's sink is not thread-safe) whole: every request is answered exactly once
// and every reply decodes.
#include "harness.h"
#include "lib9/sys.h"
#include <catch2/catch.hpp>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace {

// memfs whose reads are answered by worker threads.
struct Workers {
    Memfs fs;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Req*> queue;
    bool done = false;
    std::vector<std::thread> threads;

    explicit Workers(int n)
    {
        fs.srv.aux = this;
        fs.srv.read = [](Req* r) {
            Workers* w = static_cast<Workers*>(r->srv->aux);
            std::lock_guard<std::mutex> g(w->mu);
            w->queue.push_back(r);
            w->cv.notify_one();
        };
        for (int i = 0; i < n; i++)
            threads.emplace_back([this] { work(); });
    }

    ~Workers() { stop(); }

    void work()
    {
        for (;;) {
            Req* r;
            {
                std::unique_lock<std::mutex> g(mu);
                cv.wait(g, [this] { return done || !queue.empty(); });
                if (queue.empty())
                    return;
                r = queue.front();
                queue.pop_front();
            }
            std::this_thread::yield();
            r->ofcall.count = 4;
            std::memcpy(r->rbuf, "data", 4);
            respond(r, nullptr);
        }
    }

    // Lets the workers finish the queue, and waits for them.
    void stop()
    {
        {
            std::lock_guard<std::mutex> g(mu);
            done = true;
        }
        cv.notify_all();
        for (auto& t : threads)
            if (t.joinable())
                t.join();
    }
};

}  // namespace

TEST_CASE("lib9p: replies from other threads while the Conn takes more requests", "[lib9p][procs]")
{
    Workers w(4);
    memfile(w.fs, "/f", "glenda", 0664, "data");
    Harness h(&w.fs.srv);
    REQUIRE(h.version(8192).type == Rversion);
    REQUIRE(h.attach(0).type == Rattach);
    REQUIRE(h.walk(0, 1, {"f"}).type == Rwalk);
    REQUIRE(h.open(1, OREAD).type == Ropen);

    // From here the harness's helpers (which read its replies) must wait: only input runs.
    constexpr int Nreads = 3000;
    std::deque<Bytes> sent;
    auto input = [&](const Fcall& t) {
        sent.push_back(encode(t));
        h.conn.input(sent.back().data(), sent.back().size());
    };
    for (int i = 0; i < Nreads; i++) {
        Fcall t;
        t.type = Tread;
        t.tag = uint16_t(1 + i);
        t.fid = 1;
        t.count = 16;
        input(t);
        Fcall c;
        c.tag = uint16_t(40000 + i % 3);
        switch (i % 3) {
        case 0:
            c.type = Twalk;
            c.fid = 0;
            c.newfid = 2;
            c.nwname = 1;
            c.wname[0] = S("f");
            break;
        case 1:
            c.type = Tstat;
            c.fid = 2;
            break;
        default:
            c.type = Tclunk;
            c.fid = 2;
            break;
        }
        input(c);
    }
    w.stop();

    std::map<uint16_t, int> reads;
    int others = 0;
    for (const Fcall& r : h.late()) {
        if (r.tag >= 40000) {
            CHECK(r.type != Rerror);
            others++;
            continue;
        }
        REQUIRE(r.type == Rread);
        CHECK(std::string(reinterpret_cast<const char*>(r.data), r.count) == "data");
        reads[r.tag]++;
    }
    CHECK(others == Nreads);
    REQUIRE(reads.size() == size_t(Nreads));
    for (auto& [tag, n] : reads)
        CHECK(n == 1);
    CHECK(h.conn.pending() == 0);
    CHECK(h.clunk(1).type == Rclunk);
}
