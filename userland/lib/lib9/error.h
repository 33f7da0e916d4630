// Plan 9 error strings, shared by the kernel, userland and 9P Rerror.
// Texts are Plan 9's (port/error.h) so that scripts and users see what they expect.
#pragma once

inline constexpr char Enonexist[] = "file does not exist";
inline constexpr char Eperm[] = "permission denied";
inline constexpr char Ebadfd[] = "fd out of range or not open";
inline constexpr char Ebadusefd[] = "inappropriate use of fd";
inline constexpr char Ebadarg[] = "bad arg in system call";
inline constexpr char Ebadsharp[] = "unknown device in # filename";
inline constexpr char Enotdir[] = "not a directory";
inline constexpr char Eisdir[] = "file is a directory";
inline constexpr char Ebadexec[] = "exec header invalid";
inline constexpr char Enomem[] = "kernel allocate failed";
inline constexpr char Enovmem[] = "virtual memory allocation failed";
inline constexpr char Enochild[] = "no living children";
inline constexpr char Enoproc[] = "no free processes";
inline constexpr char Etoobig[] = "read or write too large";
inline constexpr char Etoosmall[] = "read or write too small";
inline constexpr char Ebadaddr[] = "bad address in syscall";  // Plan 9 posts "sys: bad address in syscall"
inline constexpr char Enofd[] = "no free file descriptors";
inline constexpr char Eshort[] = "i/o count too small";
inline constexpr char Einuse[] = "device or object already in use";
inline constexpr char Eio[] = "i/o error";
inline constexpr char Eintr[] = "interrupted";
inline constexpr char Ebadctl[] = "bad process or channel control request";
inline constexpr char Enoattach[] = "mount/attach disallowed";
inline constexpr char Ehungup[] = "i/o on hungup channel";
inline constexpr char Eexist[] = "file already exists";
inline constexpr char Enocreate[] = "mounted directory forbids creation";
inline constexpr char Enosys[] = "system call not implemented";  // not Plan 9's text: Plan 9 has no such error, it posts a note
inline constexpr char Ebadcmd[] = "bad command";
inline constexpr char Elongname[] = "file name too long";
inline constexpr char Emount[] = "inconsistent mount";
inline constexpr char Eunmount[] = "not mounted";
inline constexpr char Eunion[] = "not in union";
inline constexpr char Enotempty[] = "directory not empty";
inline constexpr char Ebadstat[] = "malformed stat buffer";
inline constexpr char Enegoff[] = "negative i/o offset";
inline constexpr char Eprocdied[] = "process exited";
inline constexpr char Eposted[] = "posted fd has remove-on-close or close-on-exec";
inline constexpr char Epipeclosed[] = "write on closed pipe";
inline constexpr char Ebadchar[] = "bad character in file name";
inline constexpr char Emountrpc[] = "mount rpc error";
inline constexpr char Esbadstat[] = "invalid directory entry received from server";
inline constexpr char Ewalkqids[] = "too many QIDs returned by walk";
