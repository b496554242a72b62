package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes biographies: 3–8 sentences in a random order of attributes, each sentence drawn from
 * {@link SentenceBank}, the person named in full first and then by pronoun or name, and the associate (if
 * mentioned) at a random place after the first sentence — the sentence after it names the person again, so a
 * pronoun never points at the wrong one.
 */
public final class PassageWriter {
    private static final int MAX_SENTENCES = 8;
    private final World world;

    public PassageWriter(World world) {
        this.world = world;
    }

    /** The passage SEAL reads for a person (their first biography variant). */
    public Passage canonical(Person person) {
        return variant(person, 0);
    }

    /** Biography variant {@code v} of a person: all direct attributes, reworded and reordered per variant. */
    public Passage variant(Person person, int v) {
        Rng rng = Rng.of(world.seed(), Rng.hash(person.name()), v, 0xB10);
        boolean associate = person.associate().isPresent() && (v == 0 || rng.chance(0.7));
        return new Passage(person.name(), write(person, rng, Attribute.direct(), associate));
    }

    /**
     * A biography stating exactly the given attributes (implied ones allowed, for rewrites), optionally
     * mentioning the associate.
     */
    String write(Person person, Rng rng, Collection<Attribute> attributes, boolean mentionAssociate) {
        List<SentenceTemplate> plan = plan(rng, attributes, mentionAssociate ? 1 : 0);
        int associateAt = mentionAssociate ? rng.between(1, plan.size()) : -1;
        StringBuilder text = new StringBuilder();
        boolean nameNext = false;
        for (int i = 0; i <= plan.size(); i++) {
            if (i == associateAt) {
                Associate associate = person.associate().orElseThrow();
                Template mention = rng.pick(SentenceBank.ASSOCIATE_SENTENCES.get(associate.attribute()));
                append(text, mention.render(new Voice(person, world, laterReference(rng, false))));
                nameNext = true;
            }
            if (i < plan.size()) {
                Reference reference = i == 0 ? Reference.FULL_NAME : laterReference(rng, nameNext);
                append(text, plan.get(i).render(person, world, reference));
                nameNext = false;
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String sentence) {
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(sentence);
    }

    private static Reference laterReference(Rng rng, boolean mustName) {
        double u = rng.nextDouble();
        if (mustName) {
            return u < 0.5 ? Reference.FULL_NAME : Reference.GIVEN_NAME;
        }
        return u < 0.6 ? Reference.PRONOUN : u < 0.8 ? Reference.FULL_NAME : Reference.GIVEN_NAME;
    }

    /**
     * Sentences that together state each attribute exactly once: walk the attributes in random order and for
     * each one still unstated pick a sentence that states it and nothing already stated, preferring sentences
     * that state several attributes with a per-passage probability.
     */
    private static List<SentenceTemplate> plan(Rng rng, Collection<Attribute> attributes, int extraSentences) {
        int limit = Math.max(MAX_SENTENCES, (attributes.size() + 1) / 2 + 1) - extraSentences;
        double preferCombined = 0.2 + 0.8 * rng.nextDouble();
        for (int attempt = 0; ; attempt++) {
            List<SentenceTemplate> plan = new ArrayList<>();
            Set<Attribute> remaining = EnumSet.copyOf(attributes);
            for (Attribute next : rng.shuffled(List.copyOf(attributes))) {
                if (!remaining.contains(next)) {
                    continue;
                }
                List<SentenceTemplate> fitting = SentenceBank.SENTENCES.stream()
                        .filter(s -> s.covers().contains(next) && remaining.containsAll(s.covers())).toList();
                boolean combine = rng.chance(preferCombined);
                List<SentenceTemplate> preferred = fitting.stream().filter(s -> (s.covers().size() > 1) == combine).toList();
                SentenceTemplate chosen = rng.pick(preferred.isEmpty() ? fitting : preferred);
                plan.add(chosen);
                remaining.removeAll(chosen.covers());
            }
            if (plan.size() <= limit || attempt == 50) { // the limit is always met for direct attributes
                return plan;
            }
            preferCombined = 1.0;
        }
    }
}
