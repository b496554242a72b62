package dev.seal4j.seal.inner;

import dev.seal4j.seal.eval.Grader;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one candidate on this machine: adapt (or not), answer its questions and their distractors, grade.
 * The adapter lives only for the call.
 */
public final class CandidateEvaluator {
    private final InnerLoop inner;
    private final Grader grader;

    public CandidateEvaluator(InnerLoop inner, Grader grader) {
        this.inner = inner;
        this.grader = grader;
    }

    public CandidateResult evaluate(Candidate c) {
        long start = System.nanoTime();
        try (Arena arena = Arena.ofShared()) {
            InnerLoop.Adaptation adaptation = c.mode() == Candidate.Mode.ADAPT && !c.sequences().isEmpty()
                    ? inner.adapt(c.sequences(), c.seed(), arena) : null;
            List<InnerLoop.Asked> asked = new ArrayList<>();
            List<InnerLoop.Asked> distractors = new ArrayList<>();
            for (EvalQuestion q : c.questions()) {
                asked.add(new InnerLoop.Asked(q.title(), q.question()));
                if (q.hasDistractor()) {
                    distractors.add(new InnerLoop.Asked(q.distractorTitle(), q.distractorQuestion()));
                }
            }
            List<String> answers = c.mode() == Candidate.Mode.IN_CONTEXT
                    ? inner.answerInContext(c.contexts(), asked)
                    : inner.answer(asked, adaptation == null ? null : adaptation.adapter());
            List<String> distractorAnswers = inner.answer(distractors, adaptation == null ? null : adaptation.adapter());
            List<QuestionOutcome> outcomes = new ArrayList<>();
            int d = 0;
            for (int i = 0; i < asked.size(); i++) {
                EvalQuestion q = c.questions().get(i);
                boolean correct = grader.grade(q.question(), answers.get(i), q.answer()).correct();
                String dAnswer = null;
                boolean leaked = false;
                if (q.hasDistractor()) {
                    dAnswer = distractorAnswers.get(d++);
                    leaked = grader.grade(q.distractorQuestion(), dAnswer, q.answer()).correct();
                }
                outcomes.add(new QuestionOutcome(q, answers.get(i), correct, dAnswer, leaked));
            }
            return new CandidateResult(c.id(), outcomes, adaptation == null ? 0 : adaptation.trainLoss(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
