package dev.seal4j.seal.knowledge;

import dev.seal4j.seal.eval.Grader;
import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.exec.Workbench;
import dev.seal4j.seal.inner.InnerLoop;
import dev.seal4j.seal.inner.InnerLoopConfig;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * One application to measure: train a fresh adapter on {@code sequences} (none: the unadapted model), then
 * answer {@code questions} and their distractors without the passage (or with it, in context), and grade.
 *
 * @param sequences the self-edit's training sequences (title-prefixed, passage last) and the replay texts drawn
 *                  for this application; empty for no update
 * @param contexts  with {@link Mode#IN_CONTEXT}: the passage shown before each question
 * @param seed      adapter initialisation and data order
 */
public record KnowledgeCandidate(String key, Mode mode, List<String> sequences, List<EvalQuestion> questions,
                                 List<String> contexts, long seed, InnerLoopConfig inner, GraderSpec grader)
        implements Candidate<KnowledgeResult> {
    /** How the model meets the knowledge. */
    public enum Mode {
        /** No update, no passage. */
        BASE,
        /** LoRA fine-tuning on the sequences, questions without the passage. */
        ADAPT,
        /** The passage in the prompt, no update. */
        IN_CONTEXT
    }

    public KnowledgeCandidate {
        sequences = List.copyOf(sequences);
        questions = List.copyOf(questions);
        contexts = List.copyOf(contexts);
    }

    @Override
    public KnowledgeResult run(Workbench bench) {
        long start = System.nanoTime();
        InnerLoop loop = bench.shared(inner, b -> new InnerLoop(b.model(), b.tokenizer(), inner));
        Grader judge = bench.shared(grader, b -> grader.create());
        try (Arena arena = Arena.ofShared()) {
            InnerLoop.Adaptation adaptation = mode == Mode.ADAPT && !sequences.isEmpty() ? loop.adapt(sequences, seed, arena) : null;
            List<InnerLoop.Asked> asked = new ArrayList<>();
            List<InnerLoop.Asked> distractors = new ArrayList<>();
            for (EvalQuestion q : questions) {
                asked.add(new InnerLoop.Asked(q.title(), q.question()));
                if (q.hasDistractor()) {
                    distractors.add(new InnerLoop.Asked(q.distractorTitle(), q.distractorQuestion()));
                }
            }
            List<String> answers = mode == Mode.IN_CONTEXT
                    ? loop.answerInContext(contexts, asked)
                    : loop.answer(asked, adaptation == null ? null : adaptation.adapter());
            List<String> distractorAnswers = loop.answer(distractors, adaptation == null ? null : adaptation.adapter());
            List<QuestionOutcome> outcomes = new ArrayList<>();
            int d = 0;
            for (int i = 0; i < asked.size(); i++) {
                EvalQuestion q = questions.get(i);
                boolean correct = judge.grade(q.question(), answers.get(i), q.answer()).correct();
                String distractorAnswer = q.hasDistractor() ? distractorAnswers.get(d++) : null;
                boolean leaked = distractorAnswer != null && judge.grade(q.distractorQuestion(), distractorAnswer, q.answer()).correct();
                outcomes.add(new QuestionOutcome(q, answers.get(i), correct, distractorAnswer, leaked));
            }
            return KnowledgeResult.of(outcomes, adaptation == null ? 0 : adaptation.trainLoss(), (System.nanoTime() - start) / 1e9);
        }
    }
}
