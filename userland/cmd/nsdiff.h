// nsdiff: a process's name space as /proc/N/ns lists it (a mount table), and the commands
// in the write grammar of /proc/N/ns that make one table like another (cpns), add to it
// what it lacks (addns), or take from it what the other lacks (subns). It makes no
// system calls, so cpns(1) and the host unit tests compile the same file.
#pragma once

struct Reprog;

enum : int { NsAfter = 1, NsBefore = 2, NsCreate = 4, NsCache = 8 };  // the flags -a -b -c -C

// One line of /proc/N/ns. The strings point into the table's own copy of the text.
struct NsEntry {
    bool mount;  // mounted from a file server, else bound
    int flags;  // Ns* above; none means the entry replaced the mount point's union
    const char* src;  // bind: the member's name; mount: its srv file (#s/name) or channel's name
    const char* on;  // the mount point
    const char* spec;  // mount: the attach specifier, "" if none; bind: ""
    int seq;  // 0, 1, ...: ns lists entries in the order they were made
};

// A mount table: the entries of /proc/N/ns in creation order (its closing `cd` is not kept).
class NsTable {
public:
    NsTable() = default;
    ~NsTable();
    NsTable(const NsTable&) = delete;
    NsTable& operator=(const NsTable&) = delete;

    // Parses text[0, n). Lines are `bind FLAGS FROM TO` and `mount FLAGS SRC TO SPEC`,
    // fields separated by single blanks, FLAGS empty or - with letters from abcC (so an
    // empty field leaves two blanks); `cd` lines and empty lines are passed over. On a
    // line of any other shape, returns false with its number (from 1) in *badline.
    bool parse(const char* text, long n, int* badline);
    int count() const { return m_n; }
    const NsEntry& operator[](int i) const { return m_e[i]; }

private:
    char* m_text = nullptr;
    NsEntry* m_e = nullptr;
    int m_n = 0;
};

enum class NsOp : unsigned char { Copy, Add, Sub };

// One step towards the model: a command line for /proc/N/ns, rc-quoted, without its
// newline; or, when `why` is set, an entry that cannot be made in another process, shown
// as the command it would have been, with the reason.
struct NsStep {
    char* text;
    const char* why;
    bool unmount;
};

class NsSteps {
public:
    NsSteps() = default;
    ~NsSteps();
    NsSteps(const NsSteps&) = delete;
    NsSteps& operator=(const NsSteps&) = delete;

    int count() const { return m_n; }
    const NsStep& operator[](int i) const { return m_v[i]; }
    void add(char* text, const char* why, bool unmount);  // takes text (from new[])

private:
    NsStep* m_v = nullptr;
    int m_n = 0, m_cap = 0;
};

// Appends to out the commands that take target towards model:
//   Copy: every mount point whose entries differ, or whose entries were resolved through
//   one that differs, is unmounted (newest first) and built again from the model's
//   entries in the model's order; the others are left alone.
//   Add: the model's entries the target lacks, in the model's order (all of a mount
//   point's entries from the first one that replaces its union).
//   Sub: the target's entries the model lacks, newest first, each as `unmount SRC ON`;
//   one `unmount ON` when all of ON's go; `unmount ON` and the entries that stay made
//   again when one that goes cannot be named by SRC (it is ON or beneath it).
// An empty result means the two agree as far as op looks.
void ns_diff(NsOp op, const NsTable& model, const NsTable& target, NsSteps& out);

// What -r -x -o leave in: -r drops commands naming /mnt/wsys, /mnt/term, /dev/cons or /rio
// (for an unmount, anything with rio, as ANTS's subns does), -x those exclude matches,
// -o those only does not.
struct NsFilter {
    bool rio = false;
    const Reprog* exclude = nullptr;
    const Reprog* only = nullptr;
};
bool ns_keep(const NsFilter& f, const NsStep& c);

// `echo 'cmd' >/proc/pid/ns`, the rc command -t prints; new[]'d.
char* ns_echo(const char* cmd, const char* pid);
