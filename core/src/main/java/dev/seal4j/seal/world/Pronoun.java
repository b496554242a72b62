package dev.seal4j.seal.world;

/** How a passage refers back to its person; "they" takes plural verbs. */
public enum Pronoun {
    HE("he", "his"), SHE("she", "her"), THEY("they", "their");

    public final String subject;
    public final String possessive;

    Pronoun(String subject, String possessive) {
        this.subject = subject;
        this.possessive = possessive;
    }

    public boolean plural() {
        return this == THEY;
    }
}
