package dev.seal4j.seal.world;

/** Whether a passage states an attribute, or only implies it through a world fact. */
public enum AttributeKind {
    /** Stated in the passage. */
    DIRECT,
    /** Implied: needs the passage and a world fact learned in pretraining (birth city → country, ...). */
    TWO_HOP;

    /** "direct" or "two_hop", as in the exported JSON. */
    public String jsonName() {
        return this == DIRECT ? "direct" : "two_hop";
    }
}
