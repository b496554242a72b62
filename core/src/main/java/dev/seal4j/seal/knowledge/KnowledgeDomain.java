package dev.seal4j.seal.knowledge;

import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.outer.Domain;
import dev.seal4j.seal.selfedit.ParsedSelfEdit;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.List;

/**
 * Knowledge incorporation as a SEAL domain (the paper's §4.2): a context is a passage with its questions; a
 * self-edit (implications, rewrites, ...) becomes training sequences; applying it fine-tunes a fresh adapter
 * on them (with replayed texts) and asks the questions without the passage; the reward is net accuracy
 * (accuracy minus leakage onto distractors).
 */
public record KnowledgeDomain(SelfEditFormat format, InnerLoopConfig inner, GraderSpec grader, ReplayPool replay)
        implements Domain<KnowledgePassage, KnowledgeResult> {

    /** What a self-edit's record shows: whether it held any usable text, and its training sequences. */
    record Reading(boolean parsedNothing, List<String> sequences) {
    }

    @Override
    public String title(KnowledgePassage passage) {
        return passage.title();
    }

    @Override
    public String prompt(KnowledgePassage passage) {
        return format.prompt(passage.title(), passage.context());
    }

    @Override
    public Reading parse(KnowledgePassage passage, String selfEdit) {
        ParsedSelfEdit parsed = format.parse(passage.title(), passage.context(), selfEdit);
        return new Reading(parsed.parsedNothing(), parsed.sequences());
    }

    @Override
    public KnowledgeCandidate application(KnowledgePassage passage, String selfEdit, String key, long seed) {
        return adapting(key, parse(passage, selfEdit).sequences(), questions(List.of(passage)), seed);
    }

    @Override
    public KnowledgeCandidate unadapted(KnowledgePassage passage, String key, long seed) {
        return candidate(key, KnowledgeCandidate.Mode.BASE, List.of(), questions(List.of(passage)), List.of(), seed);
    }

    @Override
    public double reward(KnowledgeResult result) {
        return result.netAccuracy();
    }

    /** A candidate that fine-tunes on {@code sequences} (and this application's replay texts). */
    KnowledgeCandidate adapting(String key, List<String> sequences, List<EvalQuestion> questions, long seed) {
        return candidate(key, KnowledgeCandidate.Mode.ADAPT, sequences.isEmpty() ? sequences : replay.mix(sequences, seed),
                questions, List.of(), seed);
    }

    KnowledgeCandidate candidate(String key, KnowledgeCandidate.Mode mode, List<String> sequences, List<EvalQuestion> questions,
                                 List<String> contexts, long seed) {
        return new KnowledgeCandidate(key, mode, sequences, questions, contexts, seed, inner, grader);
    }

    /** Every question of the passages, in order. */
    static List<EvalQuestion> questions(List<KnowledgePassage> passages) {
        return passages.stream().flatMap(p -> p.questions().stream().map(q -> EvalQuestion.of(p, q))).toList();
    }
}
