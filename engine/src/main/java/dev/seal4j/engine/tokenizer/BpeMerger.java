package dev.seal4j.engine.tokenizer;

import java.util.Arrays;

/**
 * Applies BPE merges to one word: repeatedly merges the adjacent pair with the lowest priority (leftmost on
 * ties) until no adjacent pair merges. Symbols live in a linked list over arrays and candidate pairs in a
 * binary min-heap of packed longs (priority, position), so a word of n symbols costs O(n log n) and no
 * objects. One instance per thread: it keeps its arrays between words.
 */
final class BpeMerger {
    private final MergeTable merges;
    private int[] symbols = new int[64];   // token id at each original position, -1 once merged into its left
    private int[] next = new int[64];
    private int[] prev = new int[64];
    private long[] heap = new long[64];
    private int heapSize;

    BpeMerger(MergeTable merges) {
        this.merges = merges;
    }

    /**
     * Merges {@code ids[0..n)} and returns the merged ids. The array passed in may be modified.
     */
    int[] merge(int[] ids, int n) {
        ensureCapacity(n);
        System.arraycopy(ids, 0, symbols, 0, n);
        heapSize = 0;
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        for (int i = 0; i + 1 < n; i++) {
            offer(i, i + 1);
        }
        while (heapSize > 0) {
            long top = poll();
            int priority = (int) (top >>> 32);
            int left = (int) top;
            int right = next[left];
            if (symbols[left] < 0 || right >= n) {
                continue;
            }
            int slot = merges.find(symbols[left], symbols[right]);
            if (slot < 0 || merges.priority(slot) != priority) {
                continue;                         // stale: this position's pair changed since it was queued
            }
            symbols[left] = merges.result(slot);
            symbols[right] = -1;
            next[left] = next[right];
            if (next[left] < n) {
                prev[next[left]] = left;
            }
            if (prev[left] >= 0) {
                offer(prev[left], left);
            }
            if (next[left] < n) {
                offer(left, next[left]);
            }
        }
        int count = 0;
        for (int i = 0; i < n; i = next[i]) {
            ids[count++] = symbols[i];
        }
        return Arrays.copyOf(ids, count);
    }

    private void offer(int left, int right) {
        int slot = merges.find(symbols[left], symbols[right]);
        if (slot >= 0) {
            push(((long) merges.priority(slot) << 32) | left);
        }
    }

    private void push(long entry) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= entry) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    private long poll() {
        long top = heap[0];
        long last = heap[--heapSize];
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (heapSize > 0) {
            heap[i] = last;
        }
        return top;
    }

    private void ensureCapacity(int n) {
        if (symbols.length < n) {
            int capacity = Math.max(n, symbols.length * 2);
            symbols = new int[capacity];
            next = new int[capacity];
            prev = new int[capacity];
        }
    }
}
