package dev.seal4j.seal.eval;

/**
 * Decides whether a predicted answer matches the gold answer of a question. Implementations are thread-safe.
 * {@link Graders#named(String)} builds one from its command-line name; tests may write one as a lambda.
 */
@FunctionalInterface
public interface Grader {

    Grade grade(String question, String prediction, String gold);

    /** The name it was built from, for run records ("exact", "f1:0.5", "judge:http://...#model"). */
    default String name() {
        return "custom";
    }
}
