package dev.seal4j.seal.world;

/** Another person's version of a question: their passage title, the question about them, their answer. */
public record Distractor(String title, String question, String answer) {
}
