package dev.seal4j.seal.world;

/**
 * A question about a person, with its short-span answer.
 *
 * @param heldOutPhrasing whether the wording never occurs in pretraining
 */
public record Question(String question, String answer, Attribute attribute, boolean heldOutPhrasing) {
    public AttributeKind kind() {
        return attribute.kind;
    }
}
