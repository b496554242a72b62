package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fact precision of self-edits about a person: finds every value of the world a text mentions (entity names,
 * name-pool words, years, fields, roles, hobbies, industries, pet kinds) and checks that each one is a value
 * of the person's passage — their attributes, their associate — or a world fact about those (the country of
 * their birth city, the city of their employer, ...). This catches invented names and values; it does not
 * check that a true value is attached to the right relation ("born in" the city they work in).
 */
public final class FactChecker {
    private static final Pattern YEAR = Pattern.compile("1\\d{3}|20\\d\\d");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int LONGEST_VALUE_WORDS = 3;

    private final World world;
    private final Map<String, String> known = new HashMap<>(); // value -> its kind (for messages)

    public FactChecker(World world) {
        this.world = world;
        world.countries().forEach(c -> known.put(c, "country"));
        world.cities().forEach(c -> known.put(c.name(), "city"));
        world.organisations().forEach(o -> known.put(o.name(), "organisation"));
        world.universities().forEach(u -> known.put(u.name(), "university"));
        world.givenNames().forEach(n -> known.put(n, "given name"));
        world.familyNames().forEach(n -> known.put(n, "family name"));
        world.petNames().forEach(n -> known.put(n, "pet name"));
        Vocabulary.FIELDS_OF_STUDY.forEach(v -> known.put(v, "field of study"));
        Vocabulary.INDUSTRIES.forEach(v -> known.put(v, "industry"));
        Vocabulary.ROLES.forEach(v -> known.put(v, "role"));
        Vocabulary.HOBBIES.forEach(v -> known.put(v, "hobby"));
        Vocabulary.PET_KINDS.forEach(v -> known.put(v, "pet kind"));
    }

    /** Checks a self-edit (any text: a completion or its joined sequences) against a person's facts. */
    public FactCheck check(Person person, String text) {
        Set<String> supported = supportedValues(person);
        List<String> mentions = mentions(text);
        List<String> unsupported = mentions.stream().filter(v -> !supported.contains(v)).toList();
        return new FactCheck(mentions.size(), unsupported);
    }

    /** Every known value in the text, longest match first, left to right; and every year. */
    List<String> mentions(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < words.size(); ) {
            int matched = 0;
            for (int n = Math.min(LONGEST_VALUE_WORDS, words.size() - i); n >= 1 && matched == 0; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                if (known.containsKey(phrase)) {
                    found.add(phrase);
                    matched = n;
                } else if (n == 1 && YEAR.matcher(phrase).matches()) {
                    found.add(phrase);
                    matched = 1;
                }
            }
            i += Math.max(matched, 1);
        }
        return found;
    }

    /** The passage's values and the world facts about them. */
    Set<String> supportedValues(Person person) {
        Set<String> values = new HashSet<>();
        for (Attribute attribute : Attribute.values()) {
            values.add(attribute.valueOf(person, world));
        }
        values.add(person.givenName());
        values.add(person.familyName());
        values.add(person.petKind());
        person.associate().ifPresent(a -> {
            values.add(a.givenName());
            values.add(a.familyName());
            values.add(a.value());
        });
        for (String value : List.copyOf(values)) {
            addWorldFacts(value, values);
        }
        return values;
    }

    private void addWorldFacts(String value, Set<String> values) {
        switch (known.getOrDefault(value, "")) {
            case "organisation" -> {
                Organisation org = world.organisation(value);
                values.add(org.city());
                values.add(world.countryOf(org.city()));
                values.add(Integer.toString(org.founded()));
                values.add(org.industry());
            }
            case "university" -> {
                University university = world.university(value);
                values.add(university.city());
                values.add(world.countryOf(university.city()));
            }
            case "city" -> values.add(world.countryOf(value));
            default -> { }
        }
    }
}
