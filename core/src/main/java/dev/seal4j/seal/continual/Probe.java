package dev.seal4j.seal.continual;

import dev.seal4j.engine.BadInputException;

/**
 * A question with its expected answer about a topic: a self-QA probe the model wrote, a labelled question
 * sent with an input, a correction's question, or an item of the operator's held-out set.
 *
 * @param title the topic, shown in the question prompt ("Topic: {title}")
 */
public record Probe(String title, String question, String answer) {
    public Probe {
        if (question == null || question.isBlank()) {
            throw new BadInputException("a question is empty");
        }
        if (answer == null || answer.isBlank()) {
            throw new BadInputException("question '" + question + "' has no answer");
        }
        title = title == null ? "" : title;
    }
}
