// How 9pc prints stat entries: as plan9port's 9p does, which is as Plan 9 prints them.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "9pc/client.h"

// s quoted for rc when it needs to be (Plan 9's %q under quotefmtinstall).
std::string quoted(const std::string& s);
// One entry as Plan 9's %D: 'name' 'uid' 'gid' 'muid' q (path vers type) m mode at ...
std::string dirline(const Stat& st);
// ls -l lines for entries, with columns as wide as the widest of them; times are local,
// with the year instead of the clock for those more than six months before now.
std::vector<std::string> lslines(const std::vector<Stat>& entries, time_t now);
