package dev.seal4j.seal.world;

/**
 * One way of asking for an attribute; {@code {name}} is the person's full name.
 *
 * @param heldOut never used in pretraining text, so evaluation can ask in words the model has not seen
 */
public record Phrasing(Attribute attribute, String template, boolean heldOut) {
    public String ask(String name) {
        return template.replace("{name}", name);
    }
}
