// What exportfs and srvfs share: a lib9p server for a subtree of the caller's name space.
#pragma once

#include "lib9p/9p.h"

// A Srv whose fids name files under root (cleaned in place), each 9P request becoming the
// matching system call on the file's path name.
Srv* exportsrv(char* root);
// Serves s in a new process on one end of a pipe posted as /srv/name with permission
// perm (the server's name space is a copy of the caller's). 0, or -1 with the errstr.
int exportpost(Srv* s, const char* name, uint32_t perm);
