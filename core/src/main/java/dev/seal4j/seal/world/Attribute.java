package dev.seal4j.seal.world;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What can be asked about a person: eight attributes a passage states, and six it only implies through a
 * world fact. Every answer is a short span.
 */
public enum Attribute {
    BIRTH_YEAR(AttributeKind.DIRECT),
    BIRTH_CITY(AttributeKind.DIRECT),
    UNIVERSITY(AttributeKind.DIRECT),
    FIELD_OF_STUDY(AttributeKind.DIRECT),
    EMPLOYER(AttributeKind.DIRECT),
    ROLE(AttributeKind.DIRECT),
    HOBBY(AttributeKind.DIRECT),
    PET_NAME(AttributeKind.DIRECT),
    /** The country of the birth city. */
    BIRTH_COUNTRY(AttributeKind.TWO_HOP),
    /** The employer's headquarters city. */
    WORK_CITY(AttributeKind.TWO_HOP),
    /** The employer's founding year. */
    EMPLOYER_FOUNDED(AttributeKind.TWO_HOP),
    /** The employer's industry. */
    EMPLOYER_INDUSTRY(AttributeKind.TWO_HOP),
    /** The university's city. */
    UNIVERSITY_CITY(AttributeKind.TWO_HOP),
    /** The country of the university's city. */
    UNIVERSITY_COUNTRY(AttributeKind.TWO_HOP);

    public final AttributeKind kind;

    Attribute(AttributeKind kind) {
        this.kind = kind;
    }

    public static List<Attribute> direct() {
        return Arrays.stream(values()).filter(a -> a.kind == AttributeKind.DIRECT).toList();
    }

    public static List<Attribute> twoHop() {
        return Arrays.stream(values()).filter(a -> a.kind == AttributeKind.TWO_HOP).toList();
    }

    /** snake_case name, as in the exported JSON ("birth_city"). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The answer for a person: a short span. */
    public String valueOf(Person person, World world) {
        return switch (this) {
            case BIRTH_YEAR -> Integer.toString(person.birthYear());
            case BIRTH_CITY -> person.birthCity();
            case UNIVERSITY -> person.university();
            case FIELD_OF_STUDY -> person.fieldOfStudy();
            case EMPLOYER -> person.employer();
            case ROLE -> person.role();
            case HOBBY -> person.hobby();
            case PET_NAME -> person.petName();
            case BIRTH_COUNTRY -> world.countryOf(person.birthCity());
            case WORK_CITY -> world.organisation(person.employer()).city();
            case EMPLOYER_FOUNDED -> Integer.toString(world.organisation(person.employer()).founded());
            case EMPLOYER_INDUSTRY -> world.organisation(person.employer()).industry();
            case UNIVERSITY_CITY -> world.university(person.university()).city();
            case UNIVERSITY_COUNTRY -> world.countryOf(world.university(person.university()).city());
        };
    }
}
