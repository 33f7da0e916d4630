// Environment groups (see egrp.h).
#include "port/egrp.h"
#include "port/lib.h"

namespace {

void free_value(Evalue* v)
{
    delete[] v->name;
    delete[] v->value;
    delete v;
}

}  // namespace

Egrp* egrp_new()
{
    return new Egrp;
}

void egrp_release(Egrp* e)
{
    if (--e->ref > 0)
        return;
    while (Evalue* v = e->list) {
        e->list = v->next;
        free_value(v);
    }
    delete e;
}

Egrp* egrp_copy(Egrp* from)
{
    Egrp* e = egrp_new();
    if (!e)
        return nullptr;
    Evalue** tail = &e->list;
    for (Evalue* v = from->list; v; v = v->next) {
        auto* n = new Evalue { nullptr, nullptr, v->len, v->path, v->vers, nullptr };
        size_t nl = strlen(v->name) + 1;
        if (n) {
            n->name = new char[nl];
            n->value = new char[v->len ? v->len : 1];
        }
        if (!n || !n->name || !n->value) {
            if (n)
                free_value(n);
            egrp_release(e);
            return nullptr;
        }
        memcpy(n->name, v->name, nl);
        memcpy(n->value, v->value, v->len);
        *tail = n;
        tail = &n->next;
    }
    e->count = from->count;
    e->bytes = from->bytes;
    return e;
}
