package dev.seal4j.seal.world;

import java.util.EnumSet;
import java.util.Set;

/** A sentence about a person and the attributes whose values it states (read off its slots). */
record SentenceTemplate(Set<Attribute> covers, Template template) {
    static SentenceTemplate of(String source) {
        Template template = Template.of(source);
        EnumSet<Attribute> covers = EnumSet.noneOf(Attribute.class);
        for (String key : template.keys()) {
            Attribute attribute = attributeOfSlot(key);
            if (attribute != null) {
                covers.add(attribute);
            }
        }
        if (covers.isEmpty()) {
            throw new IllegalArgumentException("a sentence template must state an attribute: " + source);
        }
        return new SentenceTemplate(Set.copyOf(covers), template);
    }

    /** The attribute whose value a slot holds, or null for names, pronouns and verbs. */
    static Attribute attributeOfSlot(String key) {
        return switch (key) {
            case "birth_year" -> Attribute.BIRTH_YEAR;
            case "birth_city" -> Attribute.BIRTH_CITY;
            case "university" -> Attribute.UNIVERSITY;
            case "field" -> Attribute.FIELD_OF_STUDY;
            case "employer" -> Attribute.EMPLOYER;
            case "role", "a_role" -> Attribute.ROLE;
            case "hobby" -> Attribute.HOBBY;
            case "pet" -> Attribute.PET_NAME;
            case "birth_country" -> Attribute.BIRTH_COUNTRY;
            case "work_city" -> Attribute.WORK_CITY;
            case "founded" -> Attribute.EMPLOYER_FOUNDED;
            case "industry", "a_industry" -> Attribute.EMPLOYER_INDUSTRY;
            case "uni_city" -> Attribute.UNIVERSITY_CITY;
            case "uni_country" -> Attribute.UNIVERSITY_COUNTRY;
            default -> null;
        };
    }

    String render(Person person, World world, Reference reference) {
        return template.render(new Voice(person, world, reference));
    }
}
