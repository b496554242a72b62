package dev.seal4j.seal.world;

import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pretraining corpus of a world: document k of a curriculum stage, generated on demand and fully
 * determined by (world, people, corpus seed, stage, k), so training can resume exactly at any document and
 * documents can be generated in parallel. Every document is in the exact text format the later stages use
 * and ends in {@link TextFormat#EOS}.
 *
 * <p>Who appears where: biographies and no-context QA are about pretraining people (QA only for the first
 * {@link Populations#qaPeople()} people); reading and self-edit drills use throwaway drill people, a new one per
 * document, so those skills are learned by reading, not recall. SEAL-training and evaluation people never
 * appear. Held-out question phrasings never appear.
 */
public final class PretrainingCorpus {
    private final World world;
    private final Populations populations;
    private final WorldConfig config;
    private final PassageWriter writer;
    private final WorldFacts facts;
    private final CopyTasks copies;
    private final SelfEditDemonstrations demonstrations;
    private final Map<CurriculumStage, KindSchedule> schedules = new ConcurrentHashMap<>();

    public PretrainingCorpus(World world, Populations populations, WorldConfig config) {
        this.world = world;
        this.populations = populations;
        this.config = config;
        this.writer = new PassageWriter(world);
        this.facts = new WorldFacts(world);
        this.copies = new CopyTasks(world, facts);
        this.demonstrations = new SelfEditDemonstrations(world);
    }

    /** The corpus of a configuration (generates its world and people). */
    public static PretrainingCorpus of(WorldConfig config) {
        World world = World.generate(config.worldSeed(), config.shape());
        return new PretrainingCorpus(world, Populations.draw(world, config), config);
    }

    public World world() {
        return world;
    }

    public Populations populations() {
        return populations;
    }

    /** Document k (k >= 0) of a stage. */
    public Document document(CurriculumStage stage, long k) {
        long stageSeed = Rng.mixAll(config.corpusSeed(), Rng.hash(stage.name()));
        KindSchedule.Slot slot = schedules.computeIfAbsent(stage, s -> new KindSchedule(s, stageSeed)).slot(k);
        long j = slot.indexInKind();
        Rng rng = Rng.of(stageSeed, slot.kind().ordinal(), j);
        String body = switch (slot.kind()) {
            case COPY -> copies.repeat(rng);
            case LOOKUP -> copies.lookup(rng);
            case READING_QA -> reading(drillPerson(stageSeed, slot), rng, false);
            case READING_QA_TWO_HOP -> reading(drillPerson(stageSeed, slot), rng, true);
            case BIOGRAPHY -> biography(j, stageSeed);
            case WORLD_FACTS -> facts.entry(entities(stageSeed, DocumentKind.WORLD_FACTS).item(j), rng);
            case WORLD_QA -> facts.questions(entities(stageSeed, DocumentKind.WORLD_QA).item(j), rng);
            case PERSON_QA -> personQuestions(j, stageSeed, rng);
            case SELF_EDIT_IMPLICATIONS -> selfEdit(rng.chance(0.25) ? SelfEditFormat.IMPLICATIONS_LONG
                    : SelfEditFormat.IMPLICATIONS, drillPerson(stageSeed, slot), rng);
            case SELF_EDIT_REWRITE -> selfEdit(SelfEditFormat.REWRITE, drillPerson(stageSeed, slot), rng);
            case SELF_EDIT_SELF_QA -> selfEdit(SelfEditFormat.SELF_QA, drillPerson(stageSeed, slot), rng);
        };
        return new Document(slot.kind(), body + TextFormat.EOS);
    }

    /** A short copy drill of world words (2–5 items, repeated once or twice) for the induction warm-up. */
    public String shortCopyDrill(Rng rng) {
        return copies.shortRepeat(rng);
    }

    /** Documents from..from+count-1 of a stage. */
    public List<Document> documents(CurriculumStage stage, long from, int count) {
        List<Document> out = new ArrayList<>(count);
        for (long k = from; k < from + count; k++) {
            out.add(document(stage, k));
        }
        return out;
    }

    /** Document counts and characters per kind over the first {@code count} documents of a stage. */
    public CorpusStatistics statistics(CurriculumStage stage, int count) {
        Map<DocumentKind, Long> documents = new EnumMap<>(DocumentKind.class);
        Map<DocumentKind, Long> characters = new EnumMap<>(DocumentKind.class);
        for (long k = 0; k < count; k++) {
            Document document = document(stage, k);
            documents.merge(document.kind(), 1L, Long::sum);
            characters.merge(document.kind(), (long) document.text().length(), Long::sum);
        }
        long associates = populations.pretrain().people().stream().filter(p -> p.associate().isPresent()).count();
        return new CorpusStatistics(stage.name(), documents, characters,
                (long) populations.pretrain().size() * Attribute.direct().size() + 2 * associates,
                facts.facts().size());
    }

    private Person drillPerson(long stageSeed, KindSchedule.Slot slot) {
        return Populations.drillPerson(world, stageSeed, slot.kind().ordinal(), slot.indexInKind(), 0xD1);
    }

    private Enumeration entities(long stageSeed, DocumentKind kind) {
        return new Enumeration(facts.entities().size(), Rng.mixAll(stageSeed, kind.ordinal()));
    }

    /** "{name}\n{biography}": pass e over the population shows each person's variant e mod V. */
    private String biography(long j, long stageSeed) {
        Enumeration people = new Enumeration(populations.pretrain().size(), Rng.mixAll(stageSeed, 0xB10));
        Person person = populations.pretrain().get(people.item(j));
        Passage passage = writer.variant(person, (int) (people.epoch(j) % config.sizes().biographyVariants()));
        return passage.sequence();
    }

    /** Four to eight no-context questions about a QA person, in pretraining phrasings. */
    private String personQuestions(long j, long stageSeed, Rng rng) {
        List<Person> qaPeople = populations.qaPeople();
        if (qaPeople.isEmpty()) {
            return biography(j, stageSeed);
        }
        Person person = qaPeople.get(new Enumeration(qaPeople.size(), Rng.mixAll(stageSeed, 0xA5)).item(j));
        List<Attribute> asked = rng.shuffled(List.of(Attribute.values())).subList(0, rng.between(4, 8));
        List<String> blocks = new ArrayList<>();
        for (Attribute attribute : asked) {
            blocks.add(answered(person.name(), QuestionBank.ask(rng.pick(QuestionBank.pretrainingPhrasings(attribute)), person, world)));
        }
        return String.join(TextFormat.BLOCK_SEPARATOR, blocks);
    }

    /**
     * "{context}\n\nTopic: ...\nQuestion: ...\nAnswer: ..." blocks: questions about the stated facts (and the
     * implied ones if asked), sometimes one about the associate, whose answer is the associate's value.
     */
    private String reading(Person person, Rng rng, boolean twoHop) {
        boolean mentionAssociate = person.associate().isPresent() && rng.chance(0.8);
        String context = writer.write(person, rng, Attribute.direct(), mentionAssociate);
        List<Attribute> pool = twoHop ? List.of(Attribute.values()) : Attribute.direct();
        List<Attribute> asked = rng.shuffled(pool).subList(0, rng.between(2, twoHop ? 8 : 6));
        List<String> blocks = new ArrayList<>();
        for (Attribute attribute : asked) {
            blocks.add(answered(person.name(), QuestionBank.ask(rng.pick(QuestionBank.pretrainingPhrasings(attribute)), person, world)));
        }
        if (mentionAssociate && rng.chance(0.5)) {
            Associate associate = person.associate().get();
            Phrasing phrasing = rng.pick(QuestionBank.pretrainingPhrasings(associate.attribute()));
            blocks.add(rng.between(0, blocks.size()),
                    TextFormat.answeredQuestion(person.name(), phrasing.ask(associate.name()), associate.value()));
        }
        return context + TextFormat.BLOCK_SEPARATOR + String.join(TextFormat.BLOCK_SEPARATOR, blocks);
    }

    private static String answered(String title, Question question) {
        return TextFormat.answeredQuestion(title, question.question(), question.answer());
    }

    /** The SEAL prompt about a drill person's passage followed by a demonstration completion. */
    private String selfEdit(SelfEditFormat format, Person person, Rng rng) {
        Passage passage = new Passage(person.name(),
                writer.write(person, rng, Attribute.direct(), person.associate().isPresent() && rng.chance(0.8)));
        return format.prompt(passage.title(), passage.context()) + demonstrations.completion(format, person, passage, rng);
    }
}
