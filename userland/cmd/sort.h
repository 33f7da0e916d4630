// sort(a, n, less): sorts a[0..n) in place by the strict weak order less, for the
// commands that list things (ls, lc, ps, kill). A heap sort: O(n log n) with no
// allocation and no recursion; not stable, so callers that need ties kept in order
// break them by arrival. stable_sort(a, n, less, tmp) is a merge sort that keeps equal
// elements in their order (sort(1) needs that); tmp is scratch space for n elements.
// FIXME: Plan 9 commands call libc's qsort, which our libc does not have yet; once it
// does, the callers move to it and this header goes.
#pragma once

template<class T, class Less>
void sift_down(T* a, long root, long n, Less less)
{
    for (long child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && less(a[child], a[child + 1]))
            child++;
        if (!less(a[root], a[child]))
            return;
        T t = a[root];
        a[root] = a[child];
        a[child] = t;
    }
}

template<class T, class Less>
void sort(T* a, long n, Less less)
{
    for (long i = n / 2 - 1; i >= 0; i--)
        sift_down(a, i, n, less);
    for (long end = n - 1; end > 0; end--) {
        T t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end, less);
    }
}

template<class T, class Less>
void stable_sort(T* a, long n, Less less, T* tmp)
{
    T* from = a;
    T* to = tmp;
    for (long width = 1; width < n; width *= 2) {
        for (long lo = 0; lo < n; lo += 2 * width) {
            long mid = lo + width < n ? lo + width : n;
            long hi = lo + 2 * width < n ? lo + 2 * width : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                to[k++] = less(from[j], from[i]) ? from[j++] : from[i++];
            while (i < mid)
                to[k++] = from[i++];
            while (j < hi)
                to[k++] = from[j++];
        }
        T* t = from;
        from = to;
        to = t;
    }
    if (from != a)
        for (long i = 0; i < n; i++)
            a[i] = from[i];
}
