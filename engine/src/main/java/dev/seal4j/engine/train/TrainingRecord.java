package dev.seal4j.engine.train;

import java.util.List;
import java.util.Map;

/**
 * One line of a training JSONL file: {"text"}, {"prompt", "completion"} or {"messages"}.
 */
public sealed interface TrainingRecord {
    /** Loss on every token. */
    record Text(String text) implements TrainingRecord {
    }

    /** Loss on the completion's tokens only (unless the trainer is told to use all). */
    record PromptCompletion(String prompt, String completion) implements TrainingRecord {
    }

    /** A conversation rendered with the chat template; loss on assistant turns only. */
    record Messages(List<Map<String, Object>> messages) implements TrainingRecord {
    }
}
