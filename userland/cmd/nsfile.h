// Namespace files (namespace(6)), run by newns(1) to build a name space or add to one.
#pragma once

// Carries out the namespace file open on fd in this process's name space. Commands that
// fail are skipped, reported on standard error only when debug is set (a file included
// with . that is missing too). *cdroot is set when an absolute cd succeeded.
void nsfile_run(int fd, bool debug, bool* cdroot);
