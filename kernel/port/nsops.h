// bind and unmount by name in a given name space: the work of the bind and unmount system
// calls, shared with writes to /proc/N/ns, which run them in another process's name space.
// (mount, which needs the mount driver, is ns_mount in 9p/mnt.h.)
#pragma once
#include "port/namec.h"
#include "port/result.h"

Result<void> ns_bind(const NameEnv& env, const char* name, const char* old, int flag);
// Without name, everything mounted on old goes. A name that is a /srv posting of a 9P
// connection names the member mounted from it (so `unmount /srv/x /n` undoes
// `mount /srv/x /n`).
Result<void> ns_unmount(const NameEnv& env, const char* name, const char* old);
