// nscheck: exercises the namespace system calls and devices from inside Myrmex and
// prints "ok NAME" or "FAIL NAME: why" per check, then "nscheck: N failed". Each check
// forks, so one that goes wrong cannot disturb the next; namespace changes are made in
// a child with its own copy (RFNAMEG) unless the check is about sharing.
#include "checkrun.h"

namespace {

bool file_is(const char* path, const char* want)
{
    char buf[256];
    int fd = open(path, OREAD);
    if (fd < 0)
        return false;
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0)
        return false;
    buf[n] = 0;
    return strcmp(buf, want) == 0;
}

const char* env_files()
{
    int fd = create("/env/greeting", OWRITE, 0666);
    if (fd < 0)
        return err();
    if (write(fd, "hello", 5) != 5 || seek(fd, 0, SEEKSET) != 0 || write(fd, "J", 1) != 1)
        return "write or seek failed";
    close(fd);
    if (!file_is("/env/greeting", "Jello"))
        return "wrong contents";
    Dir* d = dirstat("/env/greeting");
    if (!d || d->length != 5 || strcmp(d->name, "greeting") != 0)
        return "bad stat";
    free(d);
    char* v = getenv("greeting");
    if (!v || strcmp(v, "Jello") != 0)
        return "getenv";
    free(v);
    if (remove("/env/greeting") < 0)
        return err();
    if (open("/env/greeting", OREAD) >= 0)
        return "still there after remove";
    return nullptr;
}

const char* env_groups()
{
    putenv("shared", "parent");
    int pid = rfork(RFPROC | RFCENVG);
    if (pid == 0)
        exits(getenv("shared") ? "RFCENVG child sees the parent's variable" : nullptr);
    Waitmsg* w = wait();
    if (!w || w->msg[0])
        return w ? w->msg : "wait";
    pid = rfork(RFPROC | RFENVG);
    if (pid == 0) {
        putenv("shared", "child");
        exits(nullptr);
    }
    free(wait());
    char* v = getenv("shared");
    if (!v || strcmp(v, "parent") != 0)
        return "RFENVG child's write reached the parent";
    return nullptr;
}

const char* pipes()
{
    int p[2];
    if (pipe(p) < 0)
        return err();
    if (fork() == 0) {
        char buf[64];
        long n = read(p[1], buf, sizeof buf);
        if (n != 4 || memcmp(buf, "ping", 4) != 0)
            exits("child read wrong data");
        write(p[1], "pong", 4);
        exits(nullptr);
    }
    char buf[64];
    if (write(p[0], "ping", 4) != 4 || read(p[0], buf, sizeof buf) != 4 || memcmp(buf, "pong", 4) != 0)
        return "round trip failed";
    free(wait());
    close(p[1]);
    if (read(p[0], buf, sizeof buf) != 0)
        return "no end of file after the other end closed";
    if (write(p[0], "x", 1) >= 0 || strcmp(err(), "write on closed pipe") != 0)
        return "write to a closed pipe did not fail properly";
    return nullptr;
}

const char* pipe_boundaries()
{
    int p[2];
    if (pipe(p) < 0)
        return err();
    write(p[0], "one", 3);
    write(p[0], "three", 5);
    char buf[64];
    if (read(p[1], buf, sizeof buf) != 3 || read(p[1], buf, sizeof buf) != 5)
        return "writes were merged";
    return nullptr;
}

const char* dup_device()
{
    int fd = open("/dev/sysname", OREAD);
    if (fd < 0)
        return err();
    char name[16];
    snprint(name, sizeof name, "/fd/%d", fd);
    int fd2 = open(name, OREAD);
    if (fd2 < 0)
        return err();
    char path[64];
    if (fd2path(fd2, path, sizeof path) < 0 || strcmp(path, "/dev/sysname") != 0)
        return "fd2path of the dup is not /dev/sysname";
    snprint(name, sizeof name, "/fd/%d", fd);
    if (open(name, OWRITE) >= 0)
        return "opened a read-only fd for writing through /fd";
    return nullptr;
}

const char* srv_post()
{
    int p[2];
    if (pipe(p) < 0)
        return err();
    int fd = create("/srv/nscheck", OWRITE, 0600);
    if (fd < 0)
        return err();
    if (fprint(fd, "%d", p[1]) < 0)
        return err();
    close(fd);
    close(p[1]);
    int back = open("/srv/nscheck", ORDWR);
    if (back < 0)
        return err();
    write(p[0], "via srv", 7);
    char buf[16];
    long n = read(back, buf, sizeof buf);
    if (n != 7 || memcmp(buf, "via srv", 7) != 0)
        return "the posted channel is not the pipe";
    if (remove("/srv/nscheck") < 0)
        return err();
    if (open("/srv/nscheck", ORDWR) >= 0)
        return "still posted after remove";
    return nullptr;
}

const char* srv_rename()
{
    int fd = create("/srv/oldname", OWRITE, 0600);
    if (fd < 0 || fprint(fd, "%d", 0) < 0)
        return err();
    close(fd);
    Dir d;
    nulldir(&d);
    d.name = "newname";
    d.mode = 0644;
    if (dirwstat("/srv/oldname", &d) < 0)
        return err();
    if (open("/srv/oldname", OREAD) >= 0)
        return "the old name still works";
    Dir* s = dirstat("/srv/newname");
    if (!s || (s->mode & 0777) != 0644)
        return "renamed entry missing or mode unchanged";
    free(s);
    nulldir(&d);
    d.length = 5;
    if (dirwstat("/srv/newname", &d) >= 0)
        return "changed the length of a srv entry";
    remove("/srv/newname");
    return nullptr;
}

const char* noteid_file()
{
    char path[32], buf[32];
    snprint(path, sizeof path, "/proc/%d/noteid", getpid());
    int fd = open(path, OREAD);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (n <= 0)
        return "no noteid";
    buf[n] = 0;
    if (atoi(buf) <= 0)
        return "noteid is not a number";
    return nullptr;
}

const char* srv_private()
{
    int fd = create("/srv/before-v", OWRITE, 0600);
    if (fd < 0)
        return err();
    fprint(fd, "%d", 0);
    close(fd);
    int zfd = create("#z/global", OWRITE, 0600);
    if (zfd < 0)
        return err();
    fprint(zfd, "%d", 0);
    close(zfd);
    if (rfork(RFCSRVG) < 0)
        return err();
    if (open("/srv/before-v", OREAD) >= 0)
        return "rfork V kept the old /srv";
    Dir* d;
    int dfd = open("/srv", OREAD);
    if (dfd < 0 || dirreadall(dfd, &d) != 0)
        return "the new /srv is not empty";
    int g = open("#z/global", OREAD);
    if (g < 0)
        return "#z was split by rfork V";
    close(g);
    remove("#z/global");
    return nullptr;
}

const char* bind_unions()
{
    if (bind("#c", "/tmp", MREPL) < 0)
        return err();
    if (!file_is("/tmp/sysname", "ant1"))
        return "bind #c /tmp did not show sysname";
    if (bind("#P", "/tmp", MAFTER) < 0)
        return err();
    if (open("/tmp/cputype", OREAD) < 0 || open("/tmp/sysname", OREAD) < 0)
        return "the union lacks a member's file";
    if (unmount("#c", "/tmp") < 0)
        return err();
    if (open("/tmp/sysname", OREAD) >= 0)
        return "unmount of one member left its files";
    if (unmount(nullptr, "/tmp") < 0)
        return err();
    if (open("/tmp/cputype", OREAD) >= 0)
        return "unmount of all left files";
    if (unmount(nullptr, "/tmp") >= 0 || strcmp(err(), "not mounted") != 0)
        return "second unmount did not say not mounted";
    if (bind("#Q", "/tmp", MREPL) >= 0 || strcmp(err(), "unknown device in # filename") != 0)
        return "bind of an unknown device";
    return nullptr;
}

const char* namespaces_are_private()
{
    int pid = rfork(RFPROC | RFNAMEG);
    if (pid == 0) {
        bind("#c", "/tmp", MREPL);
        exits(nullptr);
    }
    free(wait());
    if (open("/tmp/sysname", OREAD) >= 0)
        return "a child's RFNAMEG bind showed in the parent";
    pid = rfork(RFPROC);  // shares the namespace
    if (pid == 0) {
        bind("#c", "/tmp", MREPL);
        exits(nullptr);
    }
    free(wait());
    if (open("/tmp/sysname", OREAD) < 0)
        return "a child sharing the namespace could not bind for both";
    return nullptr;
}

const char* ns_file()
{
    bind("#c", "/mnt", MREPL);
    bind("#P", "/mnt", MAFTER | MCREATE);
    char path[32];
    snprint(path, sizeof path, "/proc/%d/ns", getpid());
    int fd = open(path, OREAD);
    if (fd < 0)
        return err();
    char buf[2048];
    long n = readn(fd, buf, sizeof buf - 1);
    if (n <= 0)
        return "empty ns";
    buf[n] = 0;
    if (!strstr(buf, "bind  #c /mnt\nbind -ac #P /mnt\ncd /\n"))
        return "ns lacks the new binds in order";
    return nullptr;
}

const char* dot_and_dotdot()
{
    if (chdir("/proc") < 0)
        return err();
    char wd[64];
    if (!getwd(wd, sizeof wd) || strcmp(wd, "/proc") != 0)
        return "getwd after chdir";
    char self[32];
    snprint(self, sizeof self, "%d/status", getpid());
    if (open(self, OREAD) < 0)
        return "relative open";
    if (open("../dev/sysname", OREAD) < 0)
        return ".. across a mount point";
    if (chdir("/dev/sysname") >= 0)
        return "chdir to a file";
    return nullptr;
}

const char* nomnt()
{
    if (rfork(RFNOMNT) < 0)
        return err();
    if (open("#P/cputype", OREAD) >= 0)
        return "#P opened under RFNOMNT";
    if (strcmp(err(), "mount/attach disallowed") != 0)
        return "wrong error";
    if (open("#c/sysname", OREAD) < 0)
        return "#c refused under RFNOMNT";
    if (bind("/dev", "/tmp", MREPL) >= 0)
        return "bind allowed under RFNOMNT";
    return nullptr;
}

const char* kill_by_note()
{
    int pid = fork();
    if (pid == 0) {
        sleep(100000);
        exits("slept through the note");
    }
    char path[32];
    snprint(path, sizeof path, "/proc/%d/note", pid);
    int fd = open(path, OWRITE);
    if (fd < 0 || fprint(fd, "kill") < 0)
        return err();
    Waitmsg* w = wait();
    if (!w || !strstr(w->msg, ": kill"))
        return w ? w->msg : "no wait message";
    return nullptr;
}

const char* kill_by_ctl()
{
    int p[2];
    pipe(p);
    int pid = fork();
    if (pid == 0) {
        char c;
        read(p[1], &c, 1);  // blocks: nobody writes
        exits("read returned");
    }
    char path[32];
    snprint(path, sizeof path, "/proc/%d/ctl", pid);
    int fd = open(path, OWRITE);
    if (fd < 0 || fprint(fd, "kill") < 0)
        return err();
    Waitmsg* w = wait();
    if (!w || !strstr(w->msg, "sys: killed"))
        return w ? w->msg : "no wait message";
    return nullptr;
}

const char* stat_names()
{
    Dir* d = dirstat("/dev/cons");
    if (!d)
        return err();
    if (strcmp(d->name, "cons") != 0 || d->type != 'c' || (d->mode & 0777) != 0660)
        return "stat of /dev/cons";
    free(d);
    d = dirstat("/bin/cat");  // seen through the union, named as seen
    if (!d || strcmp(d->name, "cat") != 0 || d->length == 0)
        return "stat of /bin/cat";
    free(d);
    uchar small[4];
    if (stat("/dev/cons", small, sizeof small) != 2 || (small[0] | small[1] << 8) < 40)
        return "a small buffer did not get the size";
    return nullptr;
}

const char* union_listing()
{
    int fd = open("/bin", OREAD);
    if (fd < 0)
        return err();
    Dir* d;
    long n = dirreadall(fd, &d);
    bool cat = false, boot = false;
    for (long i = 0; i < n; i++) {
        cat |= strcmp(d[i].name, "cat") == 0;
        boot |= strcmp(d[i].name, "boot") == 0;
    }
    if (!cat || !boot)
        return "/bin does not list the bootpaq";
    return nullptr;
}

const char* proc_files()
{
    char path[32];
    snprint(path, sizeof path, "/proc/%d/status", getpid());
    int fd = open(path, OREAD);
    char buf[256];
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (n != 176)
        return "status is not 176 bytes";
    buf[n] = 0;
    if (strncmp(buf, "nscheck", 7) != 0 || strncmp(buf + 28, "glenda", 6) != 0)
        return "status text or user";
    snprint(path, sizeof path, "/proc/%d/args", getpid());
    if (!file_is(path, "/boot/tests/nscheck"))
        return "args";
    if (open("/proc/1/ctl", OWRITE) < 0)
        return "the owner could not open another of its processes' ctl";
    return nullptr;
}

const char* become_none()
{
    int fd = open("/dev/user", OWRITE);
    if (fd < 0 || write(fd, "none", 4) != 4)
        return "could not become none";
    if (write(fd, "glenda", 6) >= 0)
        return "none became glenda again";
    close(fd);
    if (!file_is("/dev/user", "none"))
        return "/dev/user does not say none";
    if (open("/proc/1/ctl", OWRITE) >= 0 || open("/proc/1/note", OWRITE) >= 0)
        return "none may control glenda's process";
    if (open("/dev/reboot", OWRITE) >= 0)
        return "none may reboot";
    return nullptr;
}

}  // namespace

int main()
{
    argv0 = "nscheck";
    check("env files", env_files);
    check("env groups", env_groups);
    check("pipes", pipes);
    check("pipe boundaries", pipe_boundaries);
    check("dup device", dup_device);
    check("srv post", srv_post);
    check("srv private after rfork V", srv_private);
    check("srv rename", srv_rename);
    check("noteid", noteid_file);
    check("bind and unions", bind_unions);
    check("namespaces are private", namespaces_are_private);
    check("ns file", ns_file);
    check("dot and dotdot", dot_and_dotdot);
    check("RFNOMNT", nomnt);
    check("kill by note", kill_by_note);
    check("kill by ctl", kill_by_ctl);
    check("stat names", stat_names);
    check("union listing", union_listing);
    check("proc files", proc_files);
    check("become none", become_none);
    checks_done();
}
