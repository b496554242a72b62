package dev.seal4j.seal.world;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Draws people of one split. Attributes are independent and uniform, except that nothing a passage states
 * may equal a two-hop answer (birth city is never the work or university city, birth year never the
 * employer's founding year, an associate's value is never one of them), so implied answers stay unstated.
 */
final class PersonSampler {
    private static final List<Attribute> ASSOCIATE_ATTRIBUTES = List.of(
            Attribute.EMPLOYER, Attribute.BIRTH_CITY, Attribute.UNIVERSITY, Attribute.ROLE, Attribute.HOBBY,
            Attribute.BIRTH_YEAR);
    private static final List<String> OTHER_RELATIONS = List.of(
            "cousin", "friend", "neighbour", "former classmate", "mentor", "old schoolmate");
    /** Chance that a person has an associate their passages mention. */
    static final double ASSOCIATE_CHANCE = 0.5;
    static final int FIRST_BIRTH_YEAR = 1950;
    static final int LAST_BIRTH_YEAR = 2002;

    private final World world;
    private final Split split;

    PersonSampler(World world, Split split) {
        this.world = world;
        this.split = split;
    }

    /**
     * A new person whose name (and associate's name) belongs to this split and is not in {@code usedNames};
     * the names are added to it. With {@code usedNames == null} (drill people) names may repeat.
     */
    Person draw(Rng rng, Set<String> usedNames) {
        while (true) {
            Person person = attempt(rng, usedNames);
            if (person != null) {
                if (usedNames != null) {
                    usedNames.add(person.name());
                    person.associate().ifPresent(a -> usedNames.add(a.name()));
                }
                return person;
            }
        }
    }

    private Person attempt(Rng rng, Set<String> usedNames) {
        String given = rng.pick(world.givenNames());
        String family = rng.pick(world.familyNames());
        if (!nameFree(given, family, usedNames)) {
            return null;
        }
        Organisation employer = rng.pick(world.organisations());
        University university = rng.pick(world.universities());
        String birthCity = rng.pick(world.cities()).name();
        int birthYear = rng.between(FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR);
        if (birthCity.equals(employer.city()) || birthCity.equals(university.city()) || birthYear == employer.founded()) {
            return null; // would state a two-hop answer
        }
        Person person = new Person(given, family, pronoun(rng), birthYear, birthCity, university.name(),
                rng.pick(Vocabulary.FIELDS_OF_STUDY), employer.name(), rng.pick(Vocabulary.ROLES),
                rng.pick(Vocabulary.HOBBIES), rng.pick(Vocabulary.PET_KINDS), rng.pick(world.petNames()),
                Optional.empty());
        if (!rng.chance(ASSOCIATE_CHANCE)) {
            return person;
        }
        while (true) { // an associate's name must belong to the split too, so retry until one fits
            Associate associate = associate(rng, person, usedNames);
            if (associate != null) {
                return withAssociate(person, associate);
            }
        }
    }

    private Associate associate(Rng rng, Person person, Set<String> usedNames) {
        boolean sibling = rng.chance(0.4);
        String given = rng.pick(world.givenNames());
        String family = sibling ? person.familyName() : rng.pick(world.familyNames());
        if (given.equals(person.givenName()) || family.equals(person.familyName()) && !sibling
                || !nameFree(given, family, usedNames)) {
            return null;
        }
        Pronoun pronoun = pronoun(rng);
        String relation = sibling ? switch (pronoun) {
            case HE -> "brother";
            case SHE -> "sister";
            case THEY -> "sibling";
        } : rng.pick(OTHER_RELATIONS);
        Attribute attribute = rng.pick(ASSOCIATE_ATTRIBUTES);
        String value = switch (attribute) {
            case EMPLOYER -> rng.pick(world.organisations()).name();
            case BIRTH_CITY -> rng.pick(world.cities()).name();
            case UNIVERSITY -> rng.pick(world.universities()).name();
            case ROLE -> rng.pick(Vocabulary.ROLES);
            case HOBBY -> rng.pick(Vocabulary.HOBBIES);
            case BIRTH_YEAR -> Integer.toString(Math.clamp(person.birthYear() + rng.between(-9, 9),
                    FIRST_BIRTH_YEAR - 10, LAST_BIRTH_YEAR));
            default -> throw new IllegalStateException(attribute.name());
        };
        if (value.equals(attribute.valueOf(person, world))) {
            return null;
        }
        for (Attribute implied : Attribute.twoHop()) {
            if (value.equals(implied.valueOf(person, world))) {
                return null;
            }
        }
        return new Associate(given, family, pronoun, relation, attribute, value);
    }

    private boolean nameFree(String given, String family, Set<String> usedNames) {
        if (Split.owning(given, family) != split) {
            return false;
        }
        return usedNames == null || !usedNames.contains(given + " " + family);
    }

    private static Pronoun pronoun(Rng rng) {
        double u = rng.nextDouble();
        return u < 0.45 ? Pronoun.HE : u < 0.9 ? Pronoun.SHE : Pronoun.THEY;
    }

    private static Person withAssociate(Person p, Associate associate) {
        return new Person(p.givenName(), p.familyName(), p.pronoun(), p.birthYear(), p.birthCity(), p.university(),
                p.fieldOfStudy(), p.employer(), p.role(), p.hobby(), p.petKind(), p.petName(), Optional.of(associate));
    }
}
