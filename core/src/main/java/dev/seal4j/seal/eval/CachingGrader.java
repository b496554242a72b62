package dev.seal4j.seal.eval;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the grades of another grader by (question, prediction, gold). SEAL asks the same questions after
 * every candidate self-edit, and many candidates give the same answers; a paid judge is asked once per distinct
 * triple. Unbounded: one run's distinct answers fit in memory.
 */
public final class CachingGrader implements Grader {
    private record Key(String question, String prediction, String gold) {
    }

    private final Grader inner;
    private final ConcurrentHashMap<Key, Grade> grades = new ConcurrentHashMap<>();

    public CachingGrader(Grader inner) {
        this.inner = inner;
    }

    @Override
    public Grade grade(String question, String prediction, String gold) {
        Key key = new Key(question, prediction.strip(), gold);
        Grade known = grades.get(key);
        if (known != null) {
            return known;
        }
        Grade grade = inner.grade(question, prediction, gold);
        grades.putIfAbsent(key, grade);
        return grade;
    }

    @Override
    public String name() {
        return inner.name();
    }
}
