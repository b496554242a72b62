package dev.seal4j.seal.world;

/**
 * A second person a passage may mention, with one attribute of the same kind as the main person's but a
 * different value ("Her brother, Kiro Vossen, works at Vexa Group"), so that answering takes reading, not
 * copying the last value of a type.
 *
 * @param relation  what the associate is to the main person: "sister", "friend", "former classmate", ...
 * @param attribute which attribute is mentioned (a direct one)
 * @param value     its value, always different from the main person's
 */
public record Associate(String givenName, String familyName, Pronoun pronoun, String relation,
                        Attribute attribute, String value) {
    public String name() {
        return givenName + " " + familyName;
    }
}
