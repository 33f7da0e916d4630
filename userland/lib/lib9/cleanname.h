// Plan 9's cleanname: the shortest equivalent of a path name, by lexical processing
// only: repeated slashes become one, "." elements go, "x/.." pairs cancel, ".." at a root
// stays at the root. A leading "#x..." device name (the rune after '#', which may itself
// be '/', then up to the next slash) is a root, as "/" is. A relative name that cleans
// to something starting with '#' gets "./" in front, so it stays relative. The empty name
// becomes ".". Works in place and returns name.
#pragma once

char* cleanname(char* name);
