// A host model of a Myrmex name space, to check cpns, addns and subns against: a mount
// table of mount points (each known by the channel it names) with ordered unions, edited
// by the command lines of /proc/N/ns's write grammar as the kernel edits a Pgrp, and
// listed as /proc/N/ns lists it. Channels are modelled by where a walk ends: a tree
// (the root's, or a file server's by srv file and spec) and a path in it; a walk through
// a mount point continues in the first member of its union, as if every directory of
// every member held every name. Flags are kept as the kernel keeps them, even where
// that lists a union that does not replay (binding a union, see Ns::write).
#pragma once

#include <string>
#include <vector>

namespace nsmodel {

struct Chan {
    std::string tree;  // "" for the root's tree and # devices, else "srv!spec"
    std::string path;
    bool operator==(const Chan&) const = default;
};

struct Member {
    bool mount;
    int flags;  // NsAfter ... as in nsdiff.h
    std::string src, spec;
    Chan c;
    int id;  // creation order
};

struct Head {
    std::string on;  // the name it was made by
    Chan from;
    std::vector<Member> union_;  // first member first
};

class Ns {
public:
    // Runs one command line; "" on success, else the kernel's error text.
    std::string write(const std::string& line);
    // /proc/N/ns's text; with deep, each line also shows the member's and the mount
    // point's channels, so two name spaces print the same only if they walk the same.
    std::string text(bool deep = false) const;
    // The mount table: each mount point's entries (deep) in creation order, mount points
    // in a fixed order. Equal tables walk the same, however their entries interleave.
    std::string table() const;
    // A bind of name would copy a union: name is a mount point.
    bool mounted(const std::string& name) const { return find(walk(name, false)) != nullptr; }

private:
    Chan walk(const std::string& name, bool mount_last) const;
    Chan domount(const Chan& c) const;
    Head* find(const Chan& from);
    const Head* find(const Chan& from) const;
    void add(const std::string& on, std::vector<Member> ms, int order);

    std::vector<Head> m_heads;
    int m_ids = 0;
};

}  // namespace nsmodel
