// postfd: posts an open file descriptor as /srv/name (srv(3)), so that other processes,
// whatever their name spaces, can open the same channel: create the file and write the
// descriptor's number into it. Servers, srv and import all post this way.
#include "libc.h"

int postfd(const char* name, int fd)
{
    char path[NAMEMAX + 8];
    snprint(path, sizeof path, "/srv/%s", name);
    int sfd = create(path, OWRITE, 0600);
    if (sfd < 0)
        return -1;
    int r = fprint(sfd, "%d", fd) < 0 ? -1 : 0;
    close(sfd);
    return r;
}
