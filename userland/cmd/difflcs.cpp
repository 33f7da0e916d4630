// The longest common subsequence of two files' lines, by the method of Hunt and McIlroy
// that Plan 9's diff uses. After the common prefix and suffix are set aside, each line of
// the first file is paired with the equivalence class of its equals in the second (their
// line numbers ascending). Walking the first file, k-candidates record, for each length k,
// the pair (x, y) ending a common subsequence of length k with the smallest y; a line's
// class members replace or extend them, each chained to its predecessor. The chain from
// the longest candidate is the matching. Memory is linear in the lines plus candidates.
#include "diff.h"

namespace {

struct Cand {
    int x, y, pred;
};

struct Cands {
    Cand* c = nullptr;
    int n = 0, size = 0;

    int add(int x, int y, int pred)
    {
        if (n == size) {
            size = 2 * size + 64;
            c = (Cand*)realloc(c, size * sizeof *c);
            if (c == nullptr)
                sysfatal("out of memory");
        }
        c[n] = Cand{x, y, pred};
        return n++;
    }
};

void* emalloc(long n)
{
    void* p = malloc(n > 0 ? n : 1);
    if (p == nullptr)
        sysfatal("out of memory");
    return p;
}

// The smallest l in 1..k+1 with klist[l]'s y >= y (k+1 when none is).
int search(const Cands& cl, const int* klist, int k, int y)
{
    if (cl.c[klist[k]].y < y)
        return k + 1;
    int i = 0, j = k + 1, l;
    while ((l = (i + j) / 2) > i) {
        int t = cl.c[klist[l]].y;
        if (t > y)
            j = l;
        else if (t < y)
            i = l;
        else
            return l;
    }
    return l + 1;
}

}  // namespace

int* lcs(const Text& a, const Text& b)
{
    int pref = 0, suff = 0;
    while (pref < a.n && pref < b.n && a.id[pref + 1] == b.id[pref + 1])
        pref++;
    while (suff < a.n - pref && suff < b.n - pref && a.id[a.n - suff] == b.id[b.n - suff])
        suff++;
    int n = a.n - pref - suff;  // the middles: a's lines pref+1..pref+n, b's pref+1..pref+m
    int m = b.n - pref - suff;

    // b's middle lines grouped by id, each group in ascending line order.
    int maxid = 0;
    for (int i = 1; i <= a.n; i++)
        maxid = a.id[i] > maxid ? a.id[i] : maxid;
    for (int j = 1; j <= b.n; j++)
        maxid = b.id[j] > maxid ? b.id[j] : maxid;
    int* start = (int*)emalloc((maxid + 2) * sizeof(int));
    memset(start, 0, (maxid + 2) * sizeof(int));
    for (int j = 1; j <= m; j++)
        start[b.id[pref + j] + 1]++;
    for (int id = 1; id <= maxid + 1; id++)
        start[id] += start[id - 1];
    int* member = (int*)emalloc((m + 1) * sizeof(int));
    int* fill = (int*)emalloc((maxid + 1) * sizeof(int));
    memmove(fill, start, (maxid + 1) * sizeof(int));
    for (int j = 1; j <= m; j++)
        member[fill[b.id[pref + j]]++] = j;
    free(fill);

    Cands cl;
    int* klist = (int*)emalloc((n + 2) * sizeof(int));
    int k = 0;
    klist[0] = cl.add(0, 0, 0);
    for (int i = 1; i <= n; i++) {
        int id = a.id[pref + i];
        int lo = start[id], hi = start[id + 1];
        int oldl = 0, oldc = klist[0];
        for (int p = lo; p < hi; p++) {
            int y = member[p];
            if (y <= cl.c[oldc].y)
                continue;
            int l = search(cl, klist, k, y);
            if (l != oldl + 1)
                oldc = klist[l - 1];
            if (l > k) {
                klist[l] = cl.add(i, y, oldc);
                k++;
                break;
            }
            if (cl.c[klist[l]].y <= y)
                continue;
            int tc = klist[l];
            klist[l] = cl.add(i, y, oldc);
            oldc = tc;
            oldl = l;
        }
    }
    free(start);
    free(member);

    int* J = (int*)emalloc((a.n + 2) * sizeof(int));
    for (int i = 0; i <= a.n; i++)
        J[i] = i <= pref ? i : i > a.n - suff ? i + b.n - a.n : 0;
    for (int q = klist[k]; cl.c[q].y != 0; q = cl.c[q].pred)
        J[cl.c[q].x + pref] = cl.c[q].y + pref;
    J[a.n + 1] = b.n + 1;
    free(klist);
    free(cl.c);
    return J;
}
