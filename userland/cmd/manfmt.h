// manfmt: renders a troff -man manual page as plain text, the way Plan 9's man shows a
// page on a terminal (nroff with the man macros, blank runs squeezed). It has no
// dependencies, so man(1) and the host unit tests compile the same file.
#pragma once

// Receives the rendering in pieces; each call holds whole lines ending in newlines.
using ManPut = void (*)(void* arg, const char* s, long n);

// Renders the page text[0, n). Any input is accepted: unknown requests are ignored and
// overlong words, arguments or nesting are cut, never overrun.
void manfmt(const char* text, long n, ManPut put, void* arg);
