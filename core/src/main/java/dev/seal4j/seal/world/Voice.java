package dev.seal4j.seal.world;

import java.util.function.UnaryOperator;

/**
 * Fills the slots of a sentence about one person, referring to them in a chosen way and making verbs agree.
 *
 * <pre>
 * {S} subject ("Talira Vossen", "Talira", "she")    {P} possessive ("Talira Vossen's", "her")
 * {pro} {pos} the pronoun forms, whatever S is        {name} {given} the names
 * {v:work} verb agreeing with S ("works"/"work"; be → is/are, was → was/were, have → has/have)
 * {pv:was} verb agreeing with the pronoun
 * values: birth_year birth_city university field employer role a_role hobby pet pet_kind a_pet_kind
 *         birth_country work_city founded industry a_industry uni_city uni_country
 * associate: rel a_rel aname avalue a_avalue
 * </pre>
 */
final class Voice implements UnaryOperator<String> {
    private final Person person;
    private final World world;
    private final Reference reference;

    Voice(Person person, World world, Reference reference) {
        this.person = person;
        this.world = world;
        this.reference = reference;
    }

    @Override
    public String apply(String key) {
        if (key.startsWith("v:")) {
            return conjugate(key.substring(2), reference == Reference.PRONOUN && person.pronoun().plural());
        }
        if (key.startsWith("pv:")) {
            return conjugate(key.substring(3), person.pronoun().plural());
        }
        return switch (key) {
            case "S" -> switch (reference) {
                case FULL_NAME -> person.name();
                case GIVEN_NAME -> person.givenName();
                case PRONOUN -> person.pronoun().subject;
            };
            case "P" -> switch (reference) {
                case FULL_NAME -> person.name() + "'s";
                case GIVEN_NAME -> person.givenName() + "'s";
                case PRONOUN -> person.pronoun().possessive;
            };
            case "pro" -> person.pronoun().subject;
            case "pos" -> person.pronoun().possessive;
            case "name" -> person.name();
            case "given" -> person.givenName();
            case "birth_year" -> Integer.toString(person.birthYear());
            case "birth_city" -> person.birthCity();
            case "university" -> person.university();
            case "field" -> person.fieldOfStudy();
            case "employer" -> person.employer();
            case "role" -> person.role();
            case "a_role" -> withArticle(person.role());
            case "hobby" -> person.hobby();
            case "pet" -> person.petName();
            case "pet_kind" -> person.petKind();
            case "a_pet_kind" -> withArticle(person.petKind());
            case "birth_country" -> Attribute.BIRTH_COUNTRY.valueOf(person, world);
            case "work_city" -> Attribute.WORK_CITY.valueOf(person, world);
            case "founded" -> Attribute.EMPLOYER_FOUNDED.valueOf(person, world);
            case "industry" -> Attribute.EMPLOYER_INDUSTRY.valueOf(person, world);
            case "a_industry" -> withArticle(Attribute.EMPLOYER_INDUSTRY.valueOf(person, world));
            case "uni_city" -> Attribute.UNIVERSITY_CITY.valueOf(person, world);
            case "uni_country" -> Attribute.UNIVERSITY_COUNTRY.valueOf(person, world);
            case "rel" -> associate().relation();
            case "a_rel" -> withArticle(associate().relation());
            case "aname" -> associate().name();
            case "avalue" -> associate().value();
            case "a_avalue" -> withArticle(associate().value());
            default -> throw new IllegalArgumentException("unknown template slot {" + key + "}");
        };
    }

    private Associate associate() {
        return person.associate().orElseThrow(() -> new IllegalStateException(person.name() + " has no associate"));
    }

    static String withArticle(String word) {
        return Vocabulary.article(word) + " " + word;
    }

    /** Third person singular or plural of a verb given in its base form (be, was, have are irregular). */
    static String conjugate(String verb, boolean plural) {
        return switch (verb) {
            case "be" -> plural ? "are" : "is";
            case "was" -> plural ? "were" : "was";
            case "have" -> plural ? "have" : "has";
            default -> {
                if (plural) {
                    yield verb;
                }
                if (verb.endsWith("s") || verb.endsWith("sh") || verb.endsWith("ch") || verb.endsWith("x")) {
                    yield verb + "es";
                }
                if (verb.endsWith("y") && "aeiou".indexOf(verb.charAt(verb.length() - 2)) < 0) {
                    yield verb.substring(0, verb.length() - 1) + "ies";
                }
                yield verb + "s";
            }
        };
    }
}
