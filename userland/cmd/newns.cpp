// newns [-ad] [-n nsfile] [cmd [arg ...]]: runs cmd (default rc -i) in the name space
// nsfile (default /lib/namespace, else the bootpaq's /boot/lib/namespace) builds, as
// Plan 9's auth/newns. Without -a the name space starts clean and the environment is a
// copy with $user and $home set; with -a the file adds to the current name space (addns).
// -d reports each command, and why one failed, on standard error.
#include "libc.h"
#include "nsfile.h"

namespace {

[[noreturn]] void usage()
{
    fprint(2, "usage: newns [-ad] [-n nsfile] [cmd [arg ...]]\n");
    exits("usage");
}

const char* default_nsfile()
{
    Dir* d = dirstat("/lib/namespace");
    if (d) {
        free(d);
        return "/lib/namespace";
    }
    return "/boot/lib/namespace";
}

// Sets an environment variable through #e itself: a clean name space has no /env.
void setvar(const char* name, const char* value)
{
    char path[80];
    snprint(path, sizeof path, "#e/%s", name);
    int fd = create(path, OWRITE, 0664);
    if (fd >= 0) {
        write(fd, value, strlen(value));
        close(fd);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    argv0 = "newns";
    bool add = false, debug = false;
    const char* nsfile = nullptr;
    ARGBEGIN {
    case 'a':
        add = true;
        break;
    case 'd':
        debug = true;
        break;
    case 'n':
        nsfile = EARGF(usage());
        break;
    default:
        usage();
    } ARGEND
    if (!nsfile)
        nsfile = default_nsfile();

    int fd = open(nsfile, OREAD);  // before the name space is cleared
    if (fd < 0)
        sysfatal("can't open %s: %r", nsfile);
    char wd[1024];
    if (!getwd(wd, sizeof wd))
        strcpy(wd, "/");
    if (!add) {
        if (rfork(RFENVG | RFCNAMEG) < 0)
            sysfatal("rfork: %r");
        char* user = getuser();
        char* home = smprint("/usr/%s", user);
        setvar("user", user);
        setvar("home", home);
        free(home);
    }
    bool cdroot = false;
    nsfile_run(fd, debug, &cdroot);
    close(fd);
    if (!cdroot && chdir(wd) < 0)
        chdir("/");

    static const char* const rc[] = { "rc", "-i", nullptr };
    const char* const* args = argc > 0 ? argv : rc;
    execbin(args);
    if (!strchr(args[0], '/')) {  // a clean name space may have no /bin yet
        char* boot = smprint("/boot/%s", args[0]);
        exec(boot, args);
    }
    sysfatal("exec %s: %r", args[0]);
}
