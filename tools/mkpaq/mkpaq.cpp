// mkpaq: builds a bootpaq from proto files.
//   mkpaq [-t mtime] -o out.paq [-d dir]... proto...
// Each proto line is `name source`: name is the path inside the archive (directories are
// implied), source a host file found in the first -d directory that has it (the current
// directory without -d). Executable sources become mode 0555, others 0444. The output is
// written beside its final name and renamed, so a failed run never leaves a half archive.
#include "mkpaq/paqwriter.h"
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>

namespace {

[[noreturn]] void fail(const std::string& msg)
{
    std::fprintf(stderr, "mkpaq: %s\n", msg.c_str());
    std::exit(1);
}

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: mkpaq [-t mtime] -o out.paq [-d dir]... proto...\n");
    std::exit(1);
}

bool parse_mtime(const char* s, uint32_t* out)
{
    if (*s == '\0')
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + uint64_t(*s - '0');
        if (v > UINT32_MAX)
            return false;
    }
    *out = uint32_t(v);
    return true;
}

// The path of source in the first of dirs holding a regular file by that name, or "".
std::string find_source(const std::string& source, const std::vector<std::string>& dirs, mode_t* mode)
{
    std::vector<std::string> candidates;
    if (source[0] == '/')
        candidates.push_back(source);
    else
        for (const std::string& d : dirs)
            candidates.push_back(d + "/" + source);
    for (const std::string& c : candidates) {
        struct stat st;
        if (stat(c.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            *mode = st.st_mode;
            return c;
        }
    }
    return "";
}

void add_proto(PaqWriter& w, const std::string& proto, const std::vector<std::string>& dirs)
{
    std::ifstream in(proto);
    if (!in)
        fail(proto + ": " + std::strerror(errno));
    std::string line;
    for (int lineno = 1; std::getline(in, line); lineno++) {
        std::string where = proto + ":" + std::to_string(lineno) + ": ";
        std::istringstream words(line);
        std::string name, source, extra;
        if (!(words >> name) || name[0] == '#')
            continue;
        if (!(words >> source) || (words >> extra && extra[0] != '#'))
            fail(where + "expected `name source`");
        mode_t mode;
        std::string path = find_source(source, dirs, &mode);
        if (path.empty())
            fail(where + source + ": file does not exist");
        std::ifstream f(path, std::ios::binary);
        std::vector<uint8_t> data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        if (f.bad())
            fail(path + ": read error");
        std::string err = w.add_file(name, std::move(data), (mode & 0111) ? 0555 : 0444);
        if (!err.empty())
            fail(where + err);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    std::string out;
    std::vector<std::string> dirs;
    const char* mtime_arg = nullptr;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        std::string opt = argv[i];
        if (opt == "--") {
            i++;
            break;
        }
        if (opt.size() != 2 || i + 1 == argc)
            usage();
        const char* arg = argv[++i];
        switch (opt[1]) {
        case 'o': out = arg; break;
        case 'd': dirs.push_back(arg); break;
        case 't': mtime_arg = arg; break;
        default: usage();
        }
    }
    if (out.empty() || i == argc)
        usage();
    if (dirs.empty())
        dirs.push_back(".");

    uint32_t mtime = uint32_t(std::time(nullptr));
    if (!mtime_arg)
        mtime_arg = std::getenv("SOURCE_DATE_EPOCH");
    if (mtime_arg && !parse_mtime(mtime_arg, &mtime))
        fail(std::string("bad mtime ") + mtime_arg);

    PaqWriter w;
    for (; i < argc; i++)
        add_proto(w, argv[i], dirs);
    std::vector<uint8_t> archive;
    std::string err = w.build(mtime, &archive);
    if (!err.empty())
        fail(out + ": " + err);

    std::string tmp = out + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f)
        fail(tmp + ": " + std::strerror(errno));
    bool ok = std::fwrite(archive.data(), 1, archive.size(), f) == archive.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok || std::rename(tmp.c_str(), out.c_str()) != 0) {
        std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        fail(out + ": " + why);
    }
    return 0;
}
