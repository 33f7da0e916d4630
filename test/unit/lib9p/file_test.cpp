// File trees (lib9p/file.h) used directly: creation and lookup, paths, reference counts
// across removal, permissions and wstat's checks.
#include "lib9/error.h"
#include "lib9p/file.h"
#include <catch2/catch.hpp>
#include <string>

namespace {

int destroyed;

void count(File*) { destroyed++; }

}  // namespace

TEST_CASE("file: create, look up and walk", "[lib9p][file]")
{
    Tree* t = alloctree("glenda", "sys", 0755, count);
    const char* e;
    File* a = createfile(t->root, "a", "glenda", DMDIR | 0755, nullptr, &e);
    REQUIRE(a);
    File* b = createfile(a, "b", "bob", 0644, nullptr, &e);
    REQUIRE(b);
    CHECK(std::string(b->d.gid) == "sys");  // a new file takes its directory's group
    CHECK(std::string(b->d.muid) == "bob");
    CHECK(a->d.qid.type == QTDIR);
    CHECK(b->d.qid.path != a->d.qid.path);
    CHECK(!createfile(a, "b", "bob", 0644, nullptr, &e));
    CHECK(std::string(e) == Eexist);
    CHECK(!createfile(b, "c", "bob", 0644, nullptr, &e));
    CHECK(std::string(e) == Ecreatenondir);
    CHECK(!createfile(a, "..", "bob", 0644, nullptr, &e));
    CHECK(lookupfile(a, "b") == b);
    File* w = walkfile(t->root, "/a//b");
    CHECK(w == b);
    closefile(w);
    w = walkfile(b, "../../a/./b/..");
    CHECK(w == a);
    closefile(w);
    CHECK(!walkfile(t->root, "a/nope"));
    closefile(a);
    closefile(b);
    destroyed = 0;
    freetree(t);
    CHECK(destroyed == 3);
}

TEST_CASE("file: a removed file lives while referenced", "[lib9p][file]")
{
    Tree* t = alloctree("glenda", "glenda", 0777, count);
    const char* e;
    File* d = createfile(t->root, "d", "glenda", DMDIR | 0777, nullptr, &e);
    File* f = createfile(d, "f", "glenda", 0666, nullptr, &e);
    CHECK(removefile(d) == std::string(Enotempty));
    CHECK(removefile(t->root) == std::string(Eperm));
    destroyed = 0;
    CHECK(removefile(f) == nullptr);
    CHECK(removefile(f) == nullptr);  // twice is harmless
    CHECK(!lookupfile(d, "f"));
    CHECK(destroyed == 0);
    CHECK(removefile(d) == nullptr);
    closefile(d);
    CHECK(destroyed == 0);  // f still holds its parent
    File* up = walkfile(f, "..");
    CHECK(up == d);
    closefile(up);
    closefile(f);
    CHECK(destroyed == 2);
    freetree(t);
}

TEST_CASE("file: permissions and wstat checks", "[lib9p][file]")
{
    Tree* t = alloctree("glenda", "glenda", 0775, nullptr);
    const char* e;
    File* f = createfile(t->root, "f", "bob", 0640, nullptr, &e);
    CHECK(hasperm(f, "bob", DMREAD | DMWRITE));
    CHECK(!hasperm(f, "bob", DMEXEC));
    CHECK(hasperm(f, "glenda", DMREAD));  // the group
    CHECK(!hasperm(f, "glenda", DMWRITE));
    CHECK(!hasperm(f, "other", DMREAD));

    Dir d;
    nulldir(&d);
    d.mode = 0600;
    CHECK(wstatcheck(f, &d, "bob") == nullptr);
    CHECK(wstatcheck(f, &d, "glenda") == nullptr);  // the group's leader
    CHECK(wstatcheck(f, &d, "other") == std::string(Eperm));
    nulldir(&d);
    d.name = "g";
    CHECK(wstatcheck(f, &d, "bob") == std::string(Eperm));  // cannot write the root
    CHECK(wstatcheck(f, &d, "glenda") == nullptr);
    wstatapply(f, &d);
    CHECK(lookupfile(t->root, "g") == f);
    nulldir(&d);
    d.uid = "eve";
    CHECK(wstatcheck(f, &d, "bob") == std::string(Eperm));
    nulldir(&d);
    d.length = 0;
    CHECK(wstatcheck(t->root, &d, "glenda") == nullptr);  // unchanged
    d.length = 5;
    CHECK(wstatcheck(t->root, &d, "glenda") == std::string(Eisdir));
    closefile(f);
    freetree(t);
}
