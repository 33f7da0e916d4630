// cmdsh: the temporary console command runner that stands in until the real rc shell
// lands (boot runs it on the console). It is not a shell language: one command per line.
// A line splits into words at blanks, with rc's quoting ('...', '' for a quote) and rc's
// comments (# starting an unquoted word ends the line). An unquoted word $status becomes
// the last command's status. `exit [status]` leaves cmdsh with that status (default
// $status); any other first word names a program, used as is if it contains '/' or starts
// with '#', else looked up as /bin/NAME then /boot/NAME, and run in a child process with
// its own copy of the file descriptors. End of input ends cmdsh successfully.
#include "libc.h"

namespace {

enum {
    Maxline = 4096,
    Maxwords = MAXEXECARGS - 1,  // argv's last slot holds nil
};

const char* status = "";  // the last command's status, "" for success

void set_status(const char* s)
{
    char* copy = strdup(s);
    if (copy == nullptr)
        return;
    if (*status)
        free((char*)status);
    status = copy;
}

// Input arrives a line at a time from the console, but a file may hold many lines per
// read and a line may take several reads; buf[start, end) is what is read and not used.
char buf[Maxline];
int start, end;
bool eof;

bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Returns the next line without its newline, or nil at end of input. The last line needs
// no newline. A line too long for the buffer is reported and skipped.
char* next_line()
{
    bool skipping = false;
    for (;;) {
        char* p = buf + start;
        int n = end - start;
        if (auto* nl = (char*)memchr(p, '\n', n)) {
            *nl = 0;
            start = nl + 1 - buf;
            if (!skipping)
                return p;
            skipping = false;
            continue;
        }
        if (eof) {
            start = end;
            if (n == 0 || skipping)
                return nullptr;
            p[n] = 0;  // end < Maxline: reads leave a byte spare
            return p;
        }
        memmove(buf, p, n);
        start = 0;
        end = n;
        if (end == Maxline - 1) {
            fprint(2, "cmdsh: line too long\n");
            skipping = true;
            end = 0;
        } else if (end == 0 && !skipping) {
            fprint(2, "%% ");
        }
        long r = read(0, buf + end, Maxline - 1 - end);
        if (r < 0)
            fprint(2, "cmdsh: read error: %r\n");
        if (r <= 0)
            eof = true;
        else
            end += r;
    }
}

// Ends the line at a comment and finds the words that are exactly an unquoted $status.
// A quote toggles quoting ('' inside quotes toggles twice), and the start of a word is a
// non-blank after an unquoted blank; tokenize will leave those words where they start.
int scan(char* line, char** vars)
{
    int nvars = 0;
    bool quoting = false;
    for (char* p = line; *p; p++) {
        if (!quoting && (p == line || blank(p[-1]))) {
            if (*p == '#') {
                *p = 0;
                break;
            }
            if (strncmp(p, "$status", 7) == 0 && (p[7] == 0 || blank(p[7])) && nvars < Maxwords)
                vars[nvars++] = p;
        }
        if (*p == '\'')
            quoting = !quoting;
    }
    return nvars;
}

// Runs argv[0] in a child and waits for it; returns its wait message, or the error.
void execute(char** argv)
{
    int pid = rfork(RFPROC | RFFDG);
    if (pid < 0) {
        fprint(2, "cmdsh: fork: %r\n");
        set_status("fork failed");
        return;
    }
    if (pid == 0) {
        const char* name = argv[0];
        if (strchr(name, '/') != nullptr || name[0] == '#') {
            exec(name, argv);
        } else {
            static const char* const dirs[] = {"/bin", "/boot"};
            for (const char* dir : dirs) {
                char* path = smprint("%s/%s", dir, name);
                if (path == nullptr)
                    sysfatal("%s: out of memory", name);
                exec(path, argv);
                free(path);
            }
        }
        sysfatal("%s: %r", name);
    }
    for (;;) {
        Waitmsg* w = wait();
        if (w == nullptr) {
            fprint(2, "cmdsh: wait: %r\n");
            set_status("wait failed");
            return;
        }
        bool ours = w->pid == pid;
        if (ours)
            set_status(w->msg);
        free(w);
        if (ours)
            return;
    }
}

void run(char* line)
{
    char* vars[Maxwords];
    int nvars = scan(line, vars);
    char* argv[Maxwords + 2];
    int argc = tokenize(line, argv, Maxwords + 1);
    if (argc == 0)
        return;
    if (argc > Maxwords) {
        fprint(2, "cmdsh: too many words\n");
        set_status("too many words");
        return;
    }
    for (int i = 0; i < argc; i++)
        for (int j = 0; j < nvars; j++)
            if (argv[i] == vars[j])
                argv[i] = (char*)status;
    argv[argc] = nullptr;
    if (strcmp(argv[0], "exit") == 0)
        exits(argc > 1 ? argv[1] : status);
    execute(argv);
}

}  // namespace

int main(int, char**)
{
    argv0 = "cmdsh";
    while (char* line = next_line())
        run(line);
    exits(nullptr);
}
