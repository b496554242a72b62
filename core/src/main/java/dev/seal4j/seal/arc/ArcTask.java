package dev.seal4j.seal.arc;

import dev.seal4j.engine.BadInputException;

import java.io.Serializable;
import java.util.List;

/**
 * A few-shot task: demonstrations of a rule, and test inputs with the outputs the rule gives (the
 * solutions, used only to grade).
 *
 * @param id    the task's name (ARC's hex id, or a generated one)
 * @param train the demonstrations shown
 * @param test  the held-out pairs to solve
 */
public record ArcTask(String id, List<ArcPair> train, List<ArcPair> test) implements Serializable {
    public ArcTask {
        train = List.copyOf(train);
        test = List.copyOf(test);
        if (train.isEmpty() || test.isEmpty()) {
            throw new BadInputException("task " + id + ": needs at least one demonstration and one test");
        }
    }
}
