package dev.seal4j.seal.world;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.generate.Scorer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.eval.AnswerNormalizer;
import dev.seal4j.seal.selfedit.ParsedSelfEdit;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures what a model has learned of a world, by generating: copying, question answering with and
 * without the passage, and writing self-edits. Used as the pretraining stages' gates and by
 * {@code seal world eval}. Answers are greedy and graded by normalized exact match.
 */
public final class WorldAbilities {
    private static final int ANSWER_TOKENS = 16;

    private final World world;
    private final Generator generator;
    private final Tokenizer tokenizer;
    private final PassageWriter writer;
    private final CopyTasks copies;
    private final FactChecker facts;

    public WorldAbilities(World world, Generator generator) {
        this.world = world;
        this.generator = generator;
        this.tokenizer = generator.tokenizer();
        this.writer = new PassageWriter(world);
        this.copies = new CopyTasks(world, new WorldFacts(world));
        this.facts = new FactChecker(world);
    }

    /**
     * Fresh copy drills: given the text up to its last "Repeat:", does greedy decoding repeat it exactly?
     * Drills that would not fit the model's context are skipped.
     */
    public double copyAccuracy(int n, long seed) {
        List<String> prompts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int context = generator.model().config().contextLength();
        for (int i = 0; prompts.size() < n && i < 20 * n; i++) {
            String doc = copies.repeat(Rng.of(seed, 0xC0B1, i));
            int at = doc.lastIndexOf("\nRepeat: ") + "\nRepeat:".length();
            if (tokenizer.encode(doc).length + 8 <= context) {
                prompts.add(doc.substring(0, at));
                expected.add(doc.substring(at).trim());
            }
        }
        n = prompts.size();
        List<String> got = complete(prompts, 200, List.of("\n"));
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += got.get(i).trim().equals(expected.get(i)) ? 1 : 0;
        }
        return (double) right / n;
    }

    /** Mean negative log-likelihood (nats per token) of copy drills' first statements and of their repeats. */
    public record CopyNll(double first, double repeat) {
    }

    /**
     * Teacher-forced copying on n fresh copy drills: the mean NLL of the tokens of each drill's first
     * statement (after its label) and of its first repeat; NaN when no drill fits the context. A model that
     * copies from its context scores the repeat far below the first statement long before it copies whole
     * lists exactly.
     */
    public CopyNll copyNll(int n, long seed) {
        Scorer scorer = new Scorer(generator.model());
        double first = 0, repeat = 0;
        int firstCount = 0, repeatCount = 0;
        int context = generator.model().config().contextLength();
        for (int i = 0, used = 0; used < n && i < 20 * n; i++) {
            String doc = copies.repeat(Rng.of(seed, 0xC0B2, i));
            int at = doc.indexOf("\nRepeat: ");
            int end = doc.indexOf('\n', at + 1);
            String text = doc.substring(0, end < 0 ? doc.length() : end);
            int[] ids = tokenizer.encode(text);
            if (ids.length > context) {
                continue;
            }
            used++;
            int labelEnd = tokenizer.encode(text.substring(0, text.indexOf(": ") + 1)).length;
            int firstEnd = tokenizer.encode(text.substring(0, at)).length;
            int repeatStart = tokenizer.encode(text.substring(0, at + "\nRepeat:".length())).length;
            double[] nll = scorer.tokenNll(ids, null); // nll[t - 1] is token t's
            for (int t = Math.max(1, labelEnd); t < firstEnd; t++) { // the statement, without "\nRepeat:"
                first += nll[t - 1];
                firstCount++;
            }
            for (int t = repeatStart; t < ids.length; t++) {
                repeat += nll[t - 1];
                repeatCount++;
            }
        }
        return new CopyNll(firstCount == 0 ? Double.NaN : first / firstCount,
                repeatCount == 0 ? Double.NaN : repeat / repeatCount);
    }

    /** One graded question. */
    public record Answer(Person person, Question question, String prediction, boolean correct) {
    }

    /**
     * Questions about people, asked with their canonical passage in the prompt (withContext) or without.
     * {@code kinds} selects direct and/or two-hop questions; at most {@code perPerson} questions each.
     */
    public List<Answer> answer(List<Person> people, boolean withContext, AttributeKind kind, int perPerson) {
        List<String> prompts = new ArrayList<>();
        List<Person> who = new ArrayList<>();
        List<Question> asked = new ArrayList<>();
        for (Person p : people) {
            Passage passage = writer.canonical(p);
            int k = 0;
            for (Question q : QuestionBank.questionsFor(p, world)) {
                if (q.kind() != kind || k++ >= perPerson) {
                    continue;
                }
                prompts.add(withContext ? TextFormat.questionPromptWithContext(passage.context(), passage.title(), q.question())
                        : TextFormat.questionPrompt(passage.title(), q.question()));
                who.add(p);
                asked.add(q);
            }
        }
        List<String> got = complete(prompts, ANSWER_TOKENS, List.of("\n"));
        List<Answer> out = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            out.add(new Answer(who.get(i), asked.get(i), got.get(i).trim(),
                    AnswerNormalizer.exactMatch(got.get(i), asked.get(i).answer())));
        }
        return out;
    }

    public static double accuracy(List<Answer> answers) {
        return answers.isEmpty() ? 0 : answers.stream().filter(Answer::correct).count() / (double) answers.size();
    }

    /** Self-edit quality over sampled completions. */
    public record SelfEditQuality(int samples, double parseRate, double factPrecision, double coverageMin,
                                  double coverageMean, double coverageMax) {
    }

    /**
     * Samples {@code samplesPerPerson} self-edits per person at the given temperature and checks that they
     * parse, that the facts they state are the passage's (precision), and how many of the person's
     * answers they mention (coverage, over direct and two-hop answers).
     */
    public SelfEditQuality selfEdits(List<Person> people, SelfEditFormat format, int samplesPerPerson,
                                     float temperature, long seed) {
        List<int[]> prompts = new ArrayList<>();
        for (Person p : people) {
            Passage passage = writer.canonical(p);
            prompts.add(tokenizer.encode(format.prompt(passage.title(), passage.context())));
        }
        SamplingSettings s = new SamplingSettings(temperature, 0, 0.95f, 1f, seed, 320, List.of(TextFormat.EOS), false);
        List<Generator.Output> outs = generator.generate(prompts, samplesPerPerson, s, null, null);
        int parsed = 0, mentions = 0, unsupported = 0;
        double covMin = 1, covMax = 0, covSum = 0;
        for (int i = 0; i < outs.size(); i++) {
            Person p = people.get(i / samplesPerPerson);
            Passage passage = writer.canonical(p);
            String text = outs.get(i).text();
            ParsedSelfEdit pe = format.parse(passage.title(), passage.context(), text);
            parsed += pe.parsedNothing() ? 0 : 1;
            FactCheck fc = facts.check(p, text);
            mentions += fc.mentions();
            unsupported += fc.unsupported().size();
            double cov = coverage(p, text);
            covMin = Math.min(covMin, cov);
            covMax = Math.max(covMax, cov);
            covSum += cov;
        }
        int n = outs.size();
        return new SelfEditQuality(n, (double) parsed / n, mentions == 0 ? 0 : 1.0 - (double) unsupported / mentions,
                covMin, covSum / n, covMax);
    }

    /** Fraction of a person's question answers (direct and two-hop) that appear in the text. */
    private double coverage(Person p, String text) {
        String norm = " " + AnswerNormalizer.normalize(text) + " ";
        List<Question> qs = QuestionBank.questionsFor(p, world);
        long found = qs.stream().filter(q -> norm.contains(" " + AnswerNormalizer.normalize(q.answer()) + " ")).count();
        return qs.isEmpty() ? 0 : (double) found / qs.size();
    }

    /** Greedy completions of text prompts, cut at the first stop string. */
    private List<String> complete(List<String> prompts, int maxTokens, List<String> stops) {
        List<int[]> ids = prompts.stream().map(tokenizer::encode).toList();
        List<String> out = new ArrayList<>();
        int batch = 32;
        for (int i = 0; i < ids.size(); i += batch) {
            List<Generator.Output> o = generator.generate(ids.subList(i, Math.min(ids.size(), i + batch)), 1,
                    SamplingSettings.greedy(maxTokens).withStopStrings(stops), null, null);
            o.forEach(x -> out.add(x.text()));
        }
        return out;
    }
}
