// A device for host tests of the namespace code: `#R<spec>` attaches an in-memory tree
// (one per spec, made on first attach) supporting walk, stat, directory reads, create,
// read, write and remove, like a small file server would.
#pragma once
#include <string>
#include <vector>
#include "port/chan.h"

class RamDev final : public Dev {
public:
    RamDev() : Dev('R', "ram") {}

    // Test setup: make path (relative to the tree's root) as a file or directory.
    void make(const std::string& spec, const std::string& path, bool dir, const std::string& data = "");
    void reset() { m_trees.clear(); }

    Result<Chan*> attach(const char* spec) override;
    bool gen(Chan* dir, int i, DirBuf& db) override;
    Result<void> dirstat(Chan* c, DirBuf& db) override;
    Result<void> walk(Chan* c, const char* name) override;
    Result<void> create(Chan* c, const char* name, int omode, uint32_t perm) override;
    Result<long> read(Chan* c, void* buf, long n, uint64_t off) override;
    Result<long> write(Chan* c, const void* buf, long n, uint64_t off) override;
    Result<void> remove(Chan* c) override;

private:
    struct Node {
        std::string name;
        int parent;
        bool dir;
        bool removed;
        std::string data;
    };
    struct Tree {
        std::string spec;
        std::vector<Node> nodes;  // node 0 is the root
    };
    Tree& tree(const Chan* c) { return m_trees[c->devno]; }
    int tree_index(const std::string& spec);
    void fill(const Tree& t, int i, DirBuf& db);

    std::vector<Tree> m_trees;
};

RamDev& ramdev();
