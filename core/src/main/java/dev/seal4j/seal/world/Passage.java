package dev.seal4j.seal.world;

/** A SQuAD-style passage: the title is the person's name, the context their biography. */
public record Passage(String title, String context) {
    /** The passage as one training text: the title, a newline, the context. */
    public String sequence() {
        return title + "\n" + context;
    }
}
