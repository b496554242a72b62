package dev.seal4j.seal.world;

import java.util.List;

/** Single-line statements of one fact about a person, for implications and answers. */
final class Statements {
    private final World world;

    Statements(World world) {
        this.world = world;
    }

    /** A sentence stating just this attribute. */
    String plain(Person person, Attribute attribute, Rng rng, Reference reference) {
        return rng.pick(SentenceBank.statementsOf(attribute)).render(person, world, reference);
    }

    /** Every sentence stating just this attribute. */
    List<String> allPlain(Person person, Attribute attribute, Reference reference) {
        return SentenceBank.statementsOf(attribute).stream().map(s -> s.render(person, world, reference)).toList();
    }

    /**
     * A sentence stating an implied attribute together with the stated fact it follows from ("born in Kelbor,
     * a city in Morvania"); for a direct attribute, a plain statement.
     */
    String explained(Person person, Attribute attribute, Rng rng, Reference reference) {
        if (attribute.kind == AttributeKind.DIRECT) {
            return plain(person, attribute, rng, reference);
        }
        List<SentenceTemplate> combined = SentenceBank.SENTENCES.stream()
                .filter(s -> s.covers().contains(attribute) && s.covers().size() > 1).toList();
        return rng.pick(combined).render(person, world, reference);
    }

    /** "{name}'s brother is Kiro Vossen." */
    String associateLink(Person person, Rng rng) {
        return rng.pick(SentenceBank.ASSOCIATE_LINKS).render(new Voice(person, world, Reference.FULL_NAME));
    }

    /** The associate's own fact, as a passage would mention it. */
    String associateFact(Person person, Rng rng, Reference reference) {
        Associate associate = person.associate().orElseThrow();
        return rng.pick(SentenceBank.ASSOCIATE_SENTENCES.get(associate.attribute()))
                .render(new Voice(person, world, reference));
    }
}
