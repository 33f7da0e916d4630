// manfmt (userland/cmd/manfmt.cpp, mantok.cpp): man's renderer. The expected pages are
// what Plan 9's nroff -man prints for the same input through man's blank-squeezing (checked
// with 9base's troff -N -Tutf and Plan 9's macros, on inputs where nroff would hyphenate
// nothing: manfmt does not hyphenate), and hostile input must neither crash nor hang.
#include "../../../userland/cmd/manfmt.h"

#include <catch2/catch.hpp>
#include <string>

namespace {

std::string render(const std::string& page)
{
    std::string out;
    manfmt(page.data(), long(page.size()), [](void* arg, const char* s, long n) { ((std::string*)arg)->append(s, n); },
        &out);
    return out;
}

}  // namespace

TEST_CASE("manfmt: a page: the title line, headings, .I and .B, .IP, sentences, filling to 70 columns")
{
    const char* page = R"--(.TH CAT 1
.SH NAME
cat, read \- catenate files
.SH SYNOPSIS
.B cat
[
.I file ...
]
.SH DESCRIPTION
.I Cat
reads each
.I file
in sequence and writes it on the output, as it is.
Thus
.IP
.L cat file
.PP
prints a file and nothing else; the words of this long line go on and on to fill it.
.SH "SEE ALSO"
.IR cp (1),
.BR read (1).
)--";
    const char* expect = R"--(
     CAT(1)                                                     CAT(1)

     NAME
          cat, read - catenate files

     SYNOPSIS
          cat [ file ... ]

     DESCRIPTION
          Cat reads each file in sequence and writes it on the output,
          as it is.  Thus

               `cat file'

          prints a file and nothing else; the words of this long line
          go on and on to fill it.

     SEE ALSO
          cp(1), read(1).

)--";
    CHECK(render(page) == expect);
}

TEST_CASE("manfmt: .TP tags narrow and wide, .RS and .RE, .PD 0, .IP, .HP, .SS")
{
    const char* page = R"--(.TH LIST 8 "the middle"
.SH OPTIONS
.TP
.B -a
All.
.TP
.B -abcd
Wide tag.
.TP 10
.BI -f " file"
Ten.
.RS
Nested text after a tag.
.TP
.B -x
Inner tag.
.RE
Back.
.PD 0
.TP
.B -p
One.
.TP
.B -q
Two.
.PD
.IP \(bu 3
Bullet.
.HP 4
Hanging paragraph with enough words in it to wrap onto a second line of output.
.SS Subsection
Sub text.
)--";
    const char* expect = R"--(
     LIST(8)                   (the middle)                    LIST(8)

     OPTIONS
          -a   All.

          -abcd
               Wide tag.

          -f file   Ten.
                    Nested text after a tag.

                    -x   Inner tag.
          Back.
          -p        One.
          -q        Two.

          ∙  Bullet.

          Hanging paragraph with enough words in it to wrap onto a
              second line of output.

        Subsection
          Sub text.

)--";
    CHECK(render(page) == expect);
}

TEST_CASE("manfmt: .EX and .nf keep lines and tabs, escapes and \\c")
{
    const char* page = R"--(.TH ESC 1
.SH EXAMPLES
.EX
% ls -l
	tabbed
    four spaces

after blank
.EE
Filled \fBagain\fR \- with \e, \(em, \(bu, \(mu, \*R and\ glued\0words.
A \&. line, joined\c
up, \(lqname\(rq and `quoted'.
.nf
one
two
.fi
three
four
)--";
    const char* expect = R"--(
     ESC(1)                                                     ESC(1)

     EXAMPLES
          % ls -l
               tabbed
              four spaces

          after blank
          Filled again - with \, -, ∙, ×, (Reg.) and glued words.  A .
          line, joinedup, lqnamerq and `quoted'.
          one
          two
          three four

)--";
    CHECK(render(page) == expect);
}

TEST_CASE("manfmt: which lines end sentences, quoted macro arguments, .TP tags from macros")
{
    const char* page = R"--(.TH BAZ 1
.SH DESCRIPTION
Word
.B end.
Next
.I end.
Next
.BR end .
Next
.IR end. )
Next ending with quote."
Next
Trailing.  
Next
.TP
.BI -f " file"
Tag with space.
.TP
Plain tag line
Text.
.TP
.B
-z
Bold line tag.
.IP "-x\ y" 7
ip quoted
.B "a b" c "d ""e"""
.SH "A ""B"""
x \(lq y \(rq \*R \*S z \*(Tm \(*a
)--";
    const char* expect = R"--(
     BAZ(1)                                                     BAZ(1)

     DESCRIPTION
          Word end. Next end. Next end.  Next end.) Next ending with
          quote."  Next Trailing. Next

          -f file
               Tag with space.

          Plain tag line
               Text.

          -z   Bold line tag.

          -x y   ip quoted a b c d "e"

     A "B"
          x lq y rq (Reg.)  z TM α

)--";
    CHECK(render(page) == expect);
}

TEST_CASE("manfmt: without .TH there is no title and blank lines never come two in a row")
{
    CHECK(render("one\n.sp 3\ntwo\n\n\n\nthree\n") == "     one\n\n     two\n\n     three\n");
    CHECK(render("") == "");
    CHECK(render(".TH X 1\n") == "\n     X(1)                                                         X(1)\n\n");
}

TEST_CASE("manfmt: hostile input ends and stays bounded")
{
    std::string longline(1 << 20, 'x');
    std::string out = render(".TH A 1\n" + longline + "\n");
    CHECK(out.size() > longline.size());
    CHECK(out.size() < longline.size() + 65536);  // cut into words of 512 bytes

    std::string nested;
    for (int i = 0; i < 1000; i++)
        nested += ".if n ";
    CHECK(render(nested + "deep\n").empty());

    std::string stack;
    for (int i = 0; i < 1000; i++)
        stack += ".RS\n.TP\n.B tag\n";
    for (int i = 0; i < 1000; i++)
        stack += ".RE\n";
    CHECK(!render(stack + "end\n").empty());

    for (const char* tail : {"\\", "\\(", "\\(e", "\\f(", "\\*(", "\\s+(", "\\h'", "\\[abc", ".TP", ".IP \"x",
             ".B \"", ".if '", ".if 'a", ".ie", ".el", ".de", ".in +", ".ti -", ".sp 99999999999999"}) {
        std::string s = std::string("text ") + tail;
        CHECK_NOTHROW(render(s));
        CHECK_NOTHROW(render(s + "\n"));
    }

    std::string garbage;
    unsigned x = 12345;
    for (int i = 0; i < 200000; i++) {
        x = x * 1103515245 + 12345;
        garbage += char(x >> 16);
    }
    CHECK_NOTHROW(render(garbage));
}
