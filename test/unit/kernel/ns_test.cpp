// Namespace semantics (kernel/port/pgrp.cpp, namec.cpp, union.cpp) on the host, against
// the in-memory test device: union order, MREPL hiding, creation in MCREATE members,
// ".." across mount points, unmount, and copies of a namespace.
#include <catch2/catch.hpp>
#include <string>
#include <vector>
#include "port/namec.h"
#include "port/pgrp.h"
#include "port/union.h"
#include "ramdev.h"

namespace {

// A namespace whose root is the tree #Rroot, with trees #Ra and #Rb to bind around.
struct Ns {
    Pgrp* pgrp;
    Chan* slash;
    Chan* dot;

    Ns()
    {
        RamDev& r = ramdev();
        r.reset();
        for (const char* d : { "a", "b", "c", "mnt", "tmp" })
            r.make("root", d, true);
        r.make("root", "a/only-root-a", false, "root's a");
        r.make("a", "x", false, "x from a");
        r.make("a", "y", false, "y from a");
        r.make("a", "sub/deep", false, "deep");
        r.make("b", "y", false, "y from b");
        r.make("b", "z", false, "z from b");
        pgrp = pgrp_new();
        slash = ramdev().attach("root").release_value();
        chan_setpath(slash, "/");
        dot = slash;
        cincref(dot);
    }
    ~Ns()
    {
        cclose(slash);
        cclose(dot);
        pgrp_release(pgrp);
    }
    NameEnv env() const { return NameEnv { pgrp, slash, dot }; }

    Result<void> bind(const char* from, const char* to, int flag)
    {
        Chan* f = TRY(namec(env(), from, Amode::Bind));
        auto t = namec(env(), to, Amode::Mount);
        if (t.is_error()) {
            cclose(f);
            return t.error();
        }
        auto r = cmount(pgrp, f, t.value(), flag, nullptr);
        cclose(f);
        cclose(t.value());
        return r;
    }

    Result<void> unmount(const char* member, const char* old)
    {
        Chan* m = nullptr;
        if (member)
            m = TRY(namec(env(), member, Amode::Access));
        auto o = namec(env(), old, Amode::Mount);
        Result<void> r = o.is_error() ? Result<void>(o.error()) : cunmount(pgrp, o.value(), m);
        if (!o.is_error())
            cclose(o.value());
        if (m)
            cclose(m);
        return r;
    }

    // The contents of a file, or "error: ..." if it cannot be opened.
    std::string cat(const char* path)
    {
        auto o = namec(env(), path, Amode::Open, OREAD);
        if (o.is_error())
            return std::string("error: ") + o.error();
        Chan* c = o.value();
        char buf[256];
        long n = c->dev->read(c, buf, sizeof buf, 0).release_value();
        cclose(c);
        return std::string(buf, n);
    }

    // Names in a directory listing, in the order a reader sees them.
    std::vector<std::string> ls(const char* path)
    {
        Chan* c = namec(env(), path, Amode::Open, OREAD).release_value();
        std::vector<std::string> names;
        uint8_t buf[4096];
        for (;;) {
            long n = c->umh ? union_read(c, buf, sizeof buf).release_value()
                            : c->dev->read(c, buf, sizeof buf, c->offset).release_value();
            if (!c->umh)
                c->offset += n;
            if (n == 0)
                break;
            for (long off = 0; off < n;) {
                Dir d;
                char strs[512];
                size_t m = convM2D(buf + off, n - off, &d, strs, sizeof strs);
                REQUIRE(m > 0);
                names.push_back(d.name);
                off += m;
            }
        }
        cclose(c);
        return names;
    }
};

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("ns: bind -a and bind -b order a union", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra", "/mnt", MREPL).is_error());
    REQUIRE(!ns.bind("#Rb", "/mnt", MAFTER).is_error());
    CHECK(ns.cat("/mnt/y") == "y from a");  // the first member that has the name wins
    CHECK(ns.cat("/mnt/z") == "z from b");
    CHECK(ns.ls("/mnt") == Names { "x", "y", "sub", "y", "z" });

    REQUIRE(!ns.bind("#Rb", "/c", MREPL).is_error());
    REQUIRE(!ns.bind("#Ra", "/c", MBEFORE).is_error());
    CHECK(ns.cat("/c/y") == "y from a");
    REQUIRE(!ns.bind("#Rb", "/a", MBEFORE).is_error());  // b before root's own /a
    CHECK(ns.cat("/a/y") == "y from b");
    CHECK(ns.cat("/a/only-root-a") == "root's a");  // the new union kept root's /a, after b
    CHECK(ns.ls("/a").back() == "only-root-a");
}

TEST_CASE("ns: MREPL hides what was there", "[ns]")
{
    Ns ns;
    CHECK(ns.cat("/a/only-root-a") == "root's a");
    REQUIRE(!ns.bind("#Rb", "/a", MREPL).is_error());
    CHECK(ns.cat("/a/only-root-a") == "error: file does not exist");
    CHECK(ns.ls("/a") == Names { "y", "z" });
    REQUIRE(!ns.bind("/a", "/a", MREPL).is_error());  // binding the union onto itself keeps it
    CHECK(ns.ls("/a") == Names { "y", "z" });
}

TEST_CASE("ns: a union keeps the mount point's own entries only when it is bound in", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("/a", "/a", MREPL).is_error());
    REQUIRE(!ns.bind("#Rb", "/a", MAFTER).is_error());
    CHECK(ns.ls("/a") == Names { "only-root-a", "y", "z" });
}

TEST_CASE("ns: create goes to the first MCREATE member", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra", "/mnt", MREPL).is_error());
    REQUIRE(!ns.bind("#Rb", "/mnt", MAFTER).is_error());
    auto r = namec(ns.env(), "/mnt/new", Amode::Create, OWRITE, 0664);
    REQUIRE(r.is_error());
    CHECK(std::string(r.error()) == "mounted directory forbids creation");

    REQUIRE(!ns.bind("#Rb", "/mnt", MAFTER | MCREATE).is_error());
    REQUIRE(!ns.bind("#Ra", "/mnt", MAFTER | MCREATE).is_error());
    Chan* c = namec(ns.env(), "/mnt/new", Amode::Create, OWRITE, 0664).release_value();
    REQUIRE(!c->dev->write(c, "hello", 5, 0).is_error());
    cclose(c);
    CHECK(ns.cat("#Rb/new") == "hello");  // the first MCREATE member is b's
    CHECK(ns.cat("#Ra/new") == "error: file does not exist");
    CHECK(ns.cat("/mnt/new") == "hello");
}

TEST_CASE("ns: creating an existing file truncates it where it is", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra", "/mnt", MREPL | MCREATE).is_error());
    Chan* c = namec(ns.env(), "/mnt/x", Amode::Create, OWRITE, 0664).release_value();
    CHECK(c->qid.path != 0);
    cclose(c);
    auto missing = namec(ns.env(), "/nonexistent/dir/file", Amode::Create, OWRITE, 0664);
    CHECK(missing.is_error());
}

TEST_CASE("ns: .. crosses mount points by name", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra/sub", "/mnt", MREPL).is_error());
    CHECK(ns.cat("/mnt/deep") == "deep");
    CHECK(ns.cat("/mnt/../a/only-root-a") == "root's a");  // not a's root: the name's parent
    Chan* d = namec(ns.env(), "/mnt", Amode::Todir).release_value();
    cclose(ns.dot);
    ns.dot = d;
    CHECK(std::string(chan_path(ns.dot)) == "/mnt");
    CHECK(ns.cat("deep") == "deep");
    CHECK(ns.cat("../a/only-root-a") == "root's a");
    CHECK(ns.cat("../../../a/only-root-a") == "root's a");  // ".." stops at the root
    Chan* up = namec(ns.env(), "..", Amode::Access).release_value();
    CHECK(std::string(chan_path(up)) == "/");
    cclose(up);
}

TEST_CASE("ns: unmount one member or all of them", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra", "/mnt", MREPL).is_error());
    REQUIRE(!ns.bind("#Rb", "/mnt", MAFTER).is_error());
    REQUIRE(!ns.unmount("#Ra", "/mnt").is_error());
    CHECK(ns.ls("/mnt") == Names { "y", "z" });
    CHECK(std::string(ns.unmount("#Ra", "/mnt").error()) == "not in union");
    REQUIRE(!ns.unmount(nullptr, "/mnt").is_error());
    CHECK(ns.ls("/mnt") == Names {});
    CHECK(std::string(ns.unmount(nullptr, "/mnt").error()) == "not mounted");
}

TEST_CASE("ns: binding a union copies its members", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra", "/mnt", MREPL).is_error());
    REQUIRE(!ns.bind("#Rb", "/mnt", MAFTER).is_error());
    REQUIRE(!ns.bind("/mnt", "/c", MREPL).is_error());
    CHECK(ns.ls("/c") == Names { "x", "y", "sub", "y", "z" });
    REQUIRE(!ns.unmount(nullptr, "/mnt").is_error());
    CHECK(ns.ls("/c") == Names { "x", "y", "sub", "y", "z" });  // /c keeps its own copy
}

TEST_CASE("ns: files bind onto files only in replace mode, and not onto directories", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Ra/x", "/a/only-root-a", MREPL).is_error());
    CHECK(ns.cat("/a/only-root-a") == "x from a");
    CHECK(std::string(ns.bind("#Ra/y", "/a/only-root-a", MAFTER).error()) == "inconsistent mount");
    CHECK(std::string(ns.bind("#Ra/y", "/b", MREPL).error()) == "inconsistent mount");
    CHECK(std::string(ns.bind("#Rnothing/here", "/b", MREPL).error()) == "file does not exist");
}

namespace {

void collect(const Mhead* h, const Mount* m, void* arg)
{
    static_cast<Names*>(arg)->push_back(std::string(chan_path(m->to)) + " " + chan_path(h->from));
}

Names table(Pgrp* p)
{
    Names rows;
    pgrp_foreach(p, collect, &rows);
    return rows;
}

}  // namespace

TEST_CASE("ns: a copied namespace has the same mounts in the same order, independently", "[ns]")
{
    Ns ns;
    REQUIRE(!ns.bind("#Rb", "/c", MREPL).is_error());
    REQUIRE(!ns.bind("#Ra", "/mnt", MREPL).is_error());
    REQUIRE(!ns.bind("#Ra", "/c", MBEFORE).is_error());
    REQUIRE(!ns.bind("#Rb", "/mnt", MAFTER).is_error());
    Names order { "#Rb /c", "#Ra /mnt", "#Ra /c", "#Rb /mnt" };
    CHECK(table(ns.pgrp) == order);

    Pgrp* copy = pgrp_copy(ns.pgrp);
    REQUIRE(copy);
    CHECK(table(copy) == order);
    NameEnv cenv { copy, ns.slash, ns.dot };
    Chan* t = namec(cenv, "/mnt", Amode::Mount).release_value();
    REQUIRE(!cunmount(copy, t, nullptr).is_error());
    cclose(t);
    CHECK(table(copy) == Names { "#Rb /c", "#Ra /c" });
    CHECK(table(ns.pgrp) == order);
    CHECK(ns.cat("/mnt/z") == "z from b");
    pgrp_release(copy);
}

TEST_CASE("ns: RFNOMNT refuses mounts and most # names", "[ns]")
{
    Ns ns;
    ns.pgrp->noattach = true;
    CHECK(std::string(ns.cat("#Ra/x")) == "error: mount/attach disallowed");
    auto r = namec(ns.env(), "/a/only-root-a", Amode::Open, OREAD);
    CHECK(!r.is_error());
    if (!r.is_error())
        cclose(r.value());
    Chan* a = namec(ns.env(), "/a", Amode::Bind).release_value();
    Chan* b = namec(ns.env(), "/b", Amode::Mount).release_value();
    CHECK(std::string(cmount(ns.pgrp, a, b, MREPL, nullptr).error()) == "mount/attach disallowed");
    cclose(a);
    cclose(b);
}

TEST_CASE("ns: bad names", "[ns]")
{
    Ns ns;
    CHECK(ns.cat("#") == "error: unknown device in # filename");
    CHECK(ns.cat("#Q/x") == "error: unknown device in # filename");
    CHECK(ns.cat("/a/x/y") == "error: file does not exist");
    std::string longname(300, 'n');
    CHECK(ns.cat(("/a/" + longname).c_str()) == "error: file name too long");
    std::string huge(2000, 'a');
    CHECK(ns.cat(huge.c_str()) == "error: file name too long");
    CHECK(ns.cat("") == "error: file does not exist");
}
