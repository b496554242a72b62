package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copying and lookup drills made of world vocabulary, for the first curriculum stage: a model must learn to
 * copy from its context (induction) before it can read. Offsets vary: lists of 2–30 items, sometimes with
 * unrelated text between a list and its repetition.
 */
final class CopyTasks {
    /** Keeps a document to a few hundred tokens: no new repetition starts past half of this. */
    private static final int MAX_CHARACTERS = 1400;
    private final World world;
    private final WorldFacts facts;
    private final PassageWriter writer;

    CopyTasks(World world, WorldFacts facts) {
        this.world = world;
        this.facts = facts;
        this.writer = new PassageWriter(world);
    }

    /**
     * One to three repetitions, each "List: a, b, c\nRepeat: a, b, c" or "Text: ...\nRepeat: ..." (a short
     * biography), optionally with a world-fact entry in between.
     */
    String repeat(Rng rng) {
        int tasks = rng.between(1, 3);
        List<String> parts = new ArrayList<>();
        int length = 0;
        for (int t = 0; t < tasks && length < MAX_CHARACTERS / 2; t++) {
            String label;
            String body;
            if (rng.chance(0.3)) {
                Person person = Populations.drillPerson(world, rng.nextLong());
                body = writer.write(person, rng, rng.shuffled(Attribute.direct()).subList(0, rng.between(2, 5)), false);
                label = "Text: ";
            } else {
                List<String> items = new ArrayList<>();
                int count = rng.between(2, 30);
                for (int i = 0; i < count; i++) {
                    items.add(item(rng));
                }
                body = String.join(", ", items);
                label = "List: ";
            }
            String between = rng.chance(0.3) ? "\n" + facts.entry(rng.nextInt(facts.entities().size()), rng) : "";
            String task = label + body + between + "\nRepeat: " + body;
            parts.add(task);
            length += task.length();
        }
        return String.join(TextFormat.BLOCK_SEPARATOR, parts);
    }

    /** "Notes:\nkey - value\n...\n" then "Query: key\nValue: value" for some keys, in random order. */
    String lookup(Rng rng) {
        Map<String, String> notes = new LinkedHashMap<>();
        int size = rng.between(3, 20);
        while (notes.size() < size) {
            notes.putIfAbsent(item(rng), item(rng));
        }
        StringBuilder out = new StringBuilder("Notes:");
        notes.forEach((key, value) -> out.append('\n').append(key).append(" - ").append(value));
        List<String> keys = rng.shuffled(List.copyOf(notes.keySet()));
        int queries = Math.min(keys.size(), rng.between(2, 8));
        for (String key : keys.subList(0, queries)) {
            out.append("\nQuery: ").append(key).append("\nValue: ").append(notes.get(key));
        }
        return out.toString();
    }

    /** A person's name that only drill people can have, so drills never mention a real person. */
    private String drillName(Rng rng) {
        while (true) {
            String given = rng.pick(world.givenNames());
            String family = rng.pick(world.familyNames());
            if (Split.owning(given, family) == Split.DRILL) {
                return given + " " + family;
            }
        }
    }

    /**
     * A short drill for forming induction heads: "List: a, b\nRepeat: a, b" with 2–5 items, repeated
     * once or twice — a few dozen tokens, so the copy circuit forms quickly.
     */
    String shortRepeat(Rng rng) {
        List<String> items = new ArrayList<>();
        int count = rng.between(2, 5);
        for (int i = 0; i < count; i++) {
            items.add(item(rng));
        }
        String body = String.join(", ", items);
        return "List: " + body + "\nRepeat: " + body + (rng.chance(0.5) ? "\nRepeat: " + body : "");
    }

    /** A random value of the world: a place, organisation, person name, year, role, hobby, ... */
    private String item(Rng rng) {
        return switch (rng.nextInt(11)) {
            case 0 -> rng.pick(world.cities()).name();
            case 1 -> rng.pick(world.countries());
            case 2 -> rng.pick(world.organisations()).name();
            case 3 -> rng.pick(world.universities()).name();
            case 4 -> drillName(rng);
            case 5 -> Integer.toString(rng.between(1800, 2010));
            case 6 -> rng.pick(Vocabulary.ROLES);
            case 7 -> rng.pick(Vocabulary.HOBBIES);
            case 8 -> rng.pick(Vocabulary.FIELDS_OF_STUDY);
            case 9 -> rng.pick(Vocabulary.INDUSTRIES);
            default -> rng.pick(world.petNames());
        };
    }
}
