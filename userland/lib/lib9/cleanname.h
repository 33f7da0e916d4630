// Plan 9's cleanname: the shortest equivalent of a path name, by lexical processing
// only: repeated slashes become one, "." elements go, "x/.." pairs cancel, ".." at a root
// stays at the root. A leading "#x..." device name (up to its first slash) is a root,
// as "/" is. The empty name becomes ".". Works in place and returns name.
#pragma once

char* cleanname(char* name);
