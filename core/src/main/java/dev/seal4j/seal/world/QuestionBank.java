package dev.seal4j.seal.world;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Several phrasings per attribute. The held-out phrasing of every attribute is a statement with the question
 * word at the end ("{name} was born in which country?"), a form no pretraining text uses.
 */
public final class QuestionBank {
    private static final Map<Attribute, List<Phrasing>> PHRASINGS = new EnumMap<>(Attribute.class);

    static {
        add(Attribute.BIRTH_YEAR, "{name} was born in what year?",
                "In which year was {name} born?", "When was {name} born?", "What is {name}'s year of birth?");
        add(Attribute.BIRTH_CITY, "{name} was born in which city?",
                "Where was {name} born?", "In which city was {name} born?", "What is {name}'s hometown?");
        add(Attribute.UNIVERSITY, "{name} is a graduate of which university?",
                "Which university did {name} attend?", "What university did {name} graduate from?",
                "At which university did {name} study?");
        add(Attribute.FIELD_OF_STUDY, "{name} studied which subject?",
                "What did {name} study?", "What was {name}'s field of study?", "What subject did {name} major in?");
        add(Attribute.EMPLOYER, "{name} is employed by which organisation?",
                "Which company does {name} work for?", "Who is {name}'s employer?", "What organisation employs {name}?");
        add(Attribute.ROLE, "{name} works in which profession?",
                "What is {name}'s job?", "What does {name} do for a living?", "What is {name}'s job title?");
        add(Attribute.HOBBY, "{name} enjoys which hobby?",
                "What is {name}'s hobby?", "What does {name} enjoy in their free time?",
                "What is {name}'s favourite pastime?");
        add(Attribute.PET_NAME, "{name} has a pet called what?",
                "What is the name of {name}'s pet?", "What is {name}'s pet called?", "What is {name}'s pet named?");
        add(Attribute.BIRTH_COUNTRY, "{name} was born in which country?",
                "In which country was {name} born?", "What country does {name} come from?",
                "What is {name}'s country of birth?");
        add(Attribute.WORK_CITY, "{name} works in which city?",
                "In which city does {name} work?", "Which city is {name}'s workplace in?",
                "In what city is {name}'s employer based?");
        add(Attribute.EMPLOYER_FOUNDED, "{name}'s employer was founded in which year?",
                "When was {name}'s employer founded?", "In which year was the company {name} works for founded?",
                "What is the founding year of {name}'s employer?");
        add(Attribute.EMPLOYER_INDUSTRY, "{name}'s employer is active in which industry?",
                "In which industry does {name} work?", "What industry is {name}'s employer in?",
                "What does {name}'s employer do?");
        add(Attribute.UNIVERSITY_CITY, "{name} studied in which city?",
                "In which city did {name} go to university?", "Which city is {name}'s university in?",
                "Where is {name}'s university located?");
        add(Attribute.UNIVERSITY_COUNTRY, "{name} studied in which country?",
                "In which country did {name} go to university?", "What country is {name}'s university in?",
                "In which country is {name}'s university?");
    }

    private QuestionBank() {
    }

    private static void add(Attribute attribute, String heldOut, String... seen) {
        List<Phrasing> list = new ArrayList<>();
        for (String template : seen) {
            list.add(new Phrasing(attribute, template, false));
        }
        list.add(new Phrasing(attribute, heldOut, true));
        PHRASINGS.put(attribute, List.copyOf(list));
    }

    /** All phrasings of an attribute (the held-out one last). */
    public static List<Phrasing> phrasings(Attribute attribute) {
        return PHRASINGS.get(attribute);
    }

    /** The phrasings pretraining text may use. */
    public static List<Phrasing> pretrainingPhrasings(Attribute attribute) {
        return PHRASINGS.get(attribute).stream().filter(p -> !p.heldOut()).toList();
    }

    /** The phrasings that never occur in pretraining, one per attribute. */
    public static List<Phrasing> heldOutPhrasings() {
        return PHRASINGS.values().stream().flatMap(List::stream).filter(Phrasing::heldOut).toList();
    }

    /** A question about a person in a given phrasing. */
    public static Question ask(Phrasing phrasing, Person person, World world) {
        return new Question(phrasing.ask(person.name()), phrasing.attribute().valueOf(person, world),
                phrasing.attribute(), phrasing.heldOut());
    }

    /**
     * The evaluation questions of a person: one per attribute (direct and two-hop), the phrasing drawn from all
     * phrasings, held-out ones included; fixed by the person.
     */
    public static List<Question> questionsFor(Person person, World world) {
        Rng rng = Rng.of(world.seed(), Rng.hash(person.name()), 0xA5C);
        List<Question> out = new ArrayList<>();
        for (Attribute attribute : Attribute.values()) {
            out.add(ask(rng.pick(phrasings(attribute)), person, world));
        }
        return out;
    }
}
