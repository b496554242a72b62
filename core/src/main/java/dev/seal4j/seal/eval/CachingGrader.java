package dev.seal4j.seal.eval;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the grades of another grader by (question, prediction, gold). SEAL asks the same questions after
 * every candidate self-edit, and many candidates give the same answers; a paid judge is asked once per distinct
 * triple, also when candidates run side by side (a second asker waits for the first's verdict, so every
 * candidate sees the same one). A failed call is forgotten. Unbounded: one run's distinct answers fit in memory.
 */
public final class CachingGrader implements Grader {
    private record Key(String question, String prediction, String gold) {
    }

    private final Grader inner;
    private final ConcurrentHashMap<Key, CompletableFuture<Grade>> grades = new ConcurrentHashMap<>();

    public CachingGrader(Grader inner) {
        this.inner = inner;
    }

    @Override
    public Grade grade(String question, String prediction, String gold) {
        Key key = new Key(question, prediction.strip(), gold);
        CompletableFuture<Grade> mine = new CompletableFuture<>();
        CompletableFuture<Grade> known = grades.putIfAbsent(key, mine);
        if (known != null) {
            try {
                return known.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Grade grade = inner.grade(question, prediction, gold);
            mine.complete(grade);
            return grade;
        } catch (RuntimeException e) {
            grades.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public String name() {
        return inner.name();
    }
}
