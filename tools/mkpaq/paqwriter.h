// Host-side bootpaq writer, used by mkpaq and by the unit tests. The format is described
// in userland/lib/libpaq/paq.h; Paq's constants are the single source of truth for it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

class PaqWriter {
public:
    PaqWriter();

    // Adds a file at a slash-separated path, creating missing directories (mode 0555).
    // Returns "" or a message such as "test/fault: duplicate name".
    std::string add_file(const std::string& path, std::vector<uint8_t> data, uint32_t perm);

    // Lays the archive out (entries in the order they were created, so a directory's
    // children list in proto order) into *out. Returns "" or a message.
    std::string build(uint32_t mtime, std::vector<uint8_t>* out) const;

    // Recomputes the header's SHA-1 over the body; the tests use it to forge archives
    // whose damage lies in the structure rather than in the checksum.
    static void seal(std::vector<uint8_t>& archive);

private:
    struct Node {
        uint32_t parent;
        std::string name;
        uint32_t mode;
        std::vector<uint8_t> data;
    };

    int child(uint32_t dir, const std::string& name) const;

    std::vector<Node> m_nodes;  // m_nodes[0] is the root
};
