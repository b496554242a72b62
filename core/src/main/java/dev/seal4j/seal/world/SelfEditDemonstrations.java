package dev.seal4j.seal.world;

import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pretraining demonstrations of the SEAL self-edit formats, written the way a base model writes them:
 * partial coverage, often mere restatements of the passage's own sentences, implied (two-hop) facts only
 * sometimes, some paraphrase and repetition — drawn afresh per demonstration ({@link DemonstrationProfile}),
 * so that several samples differ in how useful they are. Every line states only true facts about the passage:
 * demonstrations never invent.
 */
public final class SelfEditDemonstrations {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\.) ");
    private static final List<String> FILLERS = List.of(
            "Here are some implications:", "Implications of the passage:", "The passage implies the following:");

    private final World world;
    private final Statements statements;
    private final PassageWriter writer;

    public SelfEditDemonstrations(World world) {
        this.world = world;
        this.statements = new Statements(world);
        this.writer = new PassageWriter(world);
    }

    /** A completion for the given format's prompt about this passage (the built-in formats only). */
    public String completion(SelfEditFormat format, Person person, Passage passage, Rng rng) {
        return switch (format.name()) {
            case "implications" -> implications(person, passage, rng, false);
            case "implications-long", "implications-very-long" -> implications(person, passage, rng, true);
            case "rewrite" -> rewrite(person, passage, rng);
            case "self-qa" -> selfQa(person, rng);
            default -> throw new IllegalArgumentException("no demonstrations for self-edit format " + format.name());
        };
    }

    /** A list of implications: some direct facts (restated or paraphrased), some implied ones, maybe the associate. */
    public String implications(Person person, Passage passage, Rng rng, boolean longList) {
        DemonstrationProfile profile = DemonstrationProfile.draw(rng, longList);
        List<String> sentences = List.of(SENTENCE_END.split(passage.context()));
        List<String> lines = new ArrayList<>();
        for (Attribute attribute : chosen(person, passage, rng, profile)) {
            lines.add(line(person, attribute, sentences, rng, profile));
            if (rng.chance(profile.repeatRate())) {
                lines.add(statements.plain(person, attribute, rng, Reference.FULL_NAME));
            }
        }
        if (person.associate().isPresent() && passage.context().contains(person.associate().get().name())
                && rng.chance(0.4)) {
            lines.add(rng.between(0, lines.size()), rng.chance(0.5) ? statements.associateLink(person, rng)
                    : statements.associateFact(person, rng, Reference.FULL_NAME));
        }
        ListStyle style = ListStyle.draw(rng);
        String list = style.format(lines);
        return style == ListStyle.NUMBERED && rng.chance(0.05) ? rng.pick(FILLERS) + "\n" + list : list;
    }

    /** One to three rewrites of the passage, each on one line, each stating a subset of its facts. */
    public String rewrite(Person person, Passage passage, Rng rng) {
        int count = rng.between(1, 3);
        boolean numbered = rng.chance(0.5);
        boolean associateInPassage = person.associate().isPresent()
                && passage.context().contains(person.associate().get().name());
        List<String> rewrites = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemonstrationProfile profile = DemonstrationProfile.draw(rng, false);
            List<Attribute> attributes = chosen(person, passage, rng, profile);
            String text = writer.write(person, rng, attributes, associateInPassage && rng.chance(0.5));
            rewrites.add(numbered ? (i + 1) + ". " + text : text);
        }
        return String.join("\n\n", rewrites);
    }

    /**
     * Question–answer pairs as the self-QA prompt continues them (the prompt ends in "Question 1: "), asked in
     * pretraining phrasings, answered with the short span or a full sentence.
     */
    public String selfQa(Person person, Rng rng) {
        DemonstrationProfile profile = DemonstrationProfile.draw(rng, false);
        boolean sentences = rng.chance(0.4);
        List<String> pairs = new ArrayList<>();
        for (Attribute attribute : rng.shuffled(selection(rng, profile))) {
            Question question = QuestionBank.ask(rng.pick(QuestionBank.pretrainingPhrasings(attribute)), person, world);
            String answer = sentences ? statements.plain(person, attribute, rng, Reference.FULL_NAME) : question.answer();
            int n = pairs.size() + 1;
            pairs.add((n == 1 ? "" : "Question " + n + ": ") + question.question() + "\nAnswer " + n + ": " + answer);
        }
        return String.join("\n\n", pairs);
    }

    /** The attributes a demonstration mentions, in the passage's order or shuffled. */
    private List<Attribute> chosen(Person person, Passage passage, Rng rng, DemonstrationProfile profile) {
        List<Attribute> picked = selection(rng, profile);
        if (rng.chance(0.5)) {
            return rng.shuffled(picked);
        }
        String context = passage.context();
        List<Attribute> ordered = new ArrayList<>(picked);
        ordered.sort((a, b) -> Integer.compare(position(context, a, person), position(context, b, person)));
        return ordered;
    }

    /** Where an attribute is first stated; implied ones sort right after the fact they follow from. */
    private int position(String context, Attribute attribute, Person person) {
        Attribute base = switch (attribute) {
            case BIRTH_COUNTRY -> Attribute.BIRTH_CITY;
            case WORK_CITY, EMPLOYER_FOUNDED, EMPLOYER_INDUSTRY -> Attribute.EMPLOYER;
            case UNIVERSITY_CITY, UNIVERSITY_COUNTRY -> Attribute.UNIVERSITY;
            default -> attribute;
        };
        int at = context.indexOf(base.valueOf(person, world));
        return 2 * Math.max(at, 0) + (base == attribute ? 0 : 1);
    }

    private static List<Attribute> selection(Rng rng, DemonstrationProfile profile) {
        List<Attribute> picked = new ArrayList<>();
        for (Attribute attribute : Attribute.values()) {
            double p = attribute.kind == AttributeKind.DIRECT ? profile.coverage() : profile.twoHopRate();
            if (rng.chance(p)) {
                picked.add(attribute);
            }
        }
        if (picked.isEmpty()) {
            picked.add(rng.pick(Attribute.direct()));
        }
        return picked;
    }

    private String line(Person person, Attribute attribute, List<String> passageSentences, Rng rng,
                        DemonstrationProfile profile) {
        if (attribute.kind == AttributeKind.DIRECT && rng.chance(profile.restateRate())) {
            String value = attribute.valueOf(person, world);
            for (String sentence : passageSentences) {
                if (Words.containsWord(sentence, value) && !mentionsAssociate(sentence, person)) {
                    return sentence;
                }
            }
        }
        Reference reference = rng.chance(profile.pronounRate())
                ? (rng.chance(0.7) ? Reference.PRONOUN : Reference.GIVEN_NAME) : Reference.FULL_NAME;
        return attribute.kind == AttributeKind.TWO_HOP && rng.chance(0.5)
                ? statements.explained(person, attribute, rng, reference)
                : statements.plain(person, attribute, rng, reference);
    }

    private static boolean mentionsAssociate(String sentence, Person person) {
        return person.associate().map(a -> sentence.contains(a.name())).orElse(false);
    }
}
