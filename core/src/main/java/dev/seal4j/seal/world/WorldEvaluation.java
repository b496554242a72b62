package dev.seal4j.seal.world;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.exec.LocalWorkbench;
import dev.seal4j.seal.inner.InnerLoopConfig;
import dev.seal4j.seal.inner.ReplayPool;
import dev.seal4j.seal.knowledge.EvalQuestion;
import dev.seal4j.seal.knowledge.KnowledgeCandidate;
import dev.seal4j.seal.knowledge.KnowledgeResult;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The abilities of a model pretrained on a world, as {@code seal world eval} reports them: reading with the
 * passage in context, extraction of stored knowledge, how little it knows of evaluation people beforehand,
 * the quality of its self-edits, leakage after adaptation, and how much room self-edits have over training
 * on the passage alone. Every figure is a fraction on evaluation people (or held-out-QA pretraining people
 * for extraction).
 *
 * @param people how many people each measurement uses
 */
public record WorldEvaluation(World world, Populations populations, Transformer model, Tokenizer tokenizer,
                              InnerLoopConfig inner, int people) {

    /** Every figure, in a stable order. */
    public Map<String, Double> measure(long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        Generator generator = new Generator(model, tokenizer);
        WorldAbilities abilities = new WorldAbilities(world, generator);
        List<Person> eval = first(populations.eval().people());
        List<Person> heldOut = first(populations.qaHeldOutPeople());
        out.put("copy_accuracy", abilities.copyAccuracy(people, seed));
        WorldAbilities.CopyNll copying = abilities.copyNll(people, seed);
        out.put("copy_first_nll", copying.first());
        out.put("copy_repeat_nll", copying.repeat());
        out.put("qa_with_context", WorldAbilities.accuracy(abilities.answer(eval, true, AttributeKind.DIRECT, 8)));
        out.put("qa_with_context_two_hop", WorldAbilities.accuracy(abilities.answer(eval, true, AttributeKind.TWO_HOP, 6)));
        out.put("qa_no_context_pretrain", WorldAbilities.accuracy(abilities.answer(heldOut, false, AttributeKind.DIRECT, 8)));
        out.put("qa_no_context_pretrain_two_hop", WorldAbilities.accuracy(abilities.answer(heldOut, false, AttributeKind.TWO_HOP, 6)));
        List<WorldAbilities.Answer> before = new ArrayList<>(abilities.answer(eval, false, AttributeKind.DIRECT, 8));
        before.addAll(abilities.answer(eval, false, AttributeKind.TWO_HOP, 6));
        out.put("qa_no_context_eval_before", WorldAbilities.accuracy(before));
        for (SelfEditFormat f : List.of(SelfEditFormat.IMPLICATIONS, SelfEditFormat.REWRITE, SelfEditFormat.SELF_QA)) {
            WorldAbilities.SelfEditQuality q = abilities.selfEdits(eval.subList(0, Math.min(eval.size(), 12)), f, 3, 1f, seed);
            String p = f.name().equals("implications") ? "selfedit" : "selfedit_" + f.name().replace('-', '_');
            out.put(p + "_parse_rate", q.parseRate());
            out.put(p + "_fact_precision", q.factPrecision());
            out.put(p + "_coverage_min", q.coverageMin());
            out.put(p + "_coverage_mean", q.coverageMean());
            out.put(p + "_coverage_max", q.coverageMax());
        }
        adaptation(eval, out);
        return out;
    }

    /**
     * Adapts the model to each person (passage only, and passage + teacher implications) with the inner
     * loop, asking their questions and the distractors' — the leakage check.
     */
    private void adaptation(List<Person> eval, Map<String, Double> out) {
        List<ExportedPassage> passages = WorldExport.passages(world, populations.eval());
        PassageWriter writer = new PassageWriter(world);
        ReplayPool replay = new ReplayPool(populations.pretrain().people().stream().map(p -> writer.canonical(p).sequence()).toList(),
                inner.replay());
        LocalWorkbench bench = new LocalWorkbench(model, tokenizer);
        SelfEditFormat format = SelfEditFormat.IMPLICATIONS;
        double[][] sums = new double[2][4]; // [passage, teacher] × [direct, two-hop, leakage, net]
        int[][] counts = new int[2][2];
        for (int i = 0; i < Math.min(people, passages.size()); i++) {
            ExportedPassage p = passages.get(i);
            List<EvalQuestion> questions = p.questions().stream().map(q -> new EvalQuestion(p.title(), q.question(),
                    q.answer(), q.kind(), q.distractor() == null ? null : q.distractor().title(),
                    q.distractor() == null ? null : q.distractor().question())).toList();
            String passageSequence = p.title() + "\n" + p.context();
            List<String> teacher = format.parse(p.title(), p.context(), p.teacherImplications()).sequences();
            List<List<String>> variants = List.of(List.of(passageSequence), teacher);
            for (int v = 0; v < 2; v++) {
                long seed = 17L * i + v;
                KnowledgeResult r = new KnowledgeCandidate("world-eval|" + v + "|" + i, KnowledgeCandidate.Mode.ADAPT,
                        replay.mix(variants.get(v), seed), questions, List.of(), seed, inner, GraderSpec.EXACT).run(bench);
                for (var o : r.outcomes()) {
                    int kind = "two_hop".equals(o.question().kind()) ? 1 : 0;
                    sums[v][kind] += o.correct() ? 1 : 0;
                    counts[v][kind]++;
                }
                sums[v][2] += r.leakage();
                sums[v][3] += r.netAccuracy();
            }
        }
        int n = Math.min(people, passages.size());
        String[] names = {"passage_only", "teacher"};
        for (int v = 0; v < 2; v++) {
            out.put(names[v] + "_direct", sums[v][0] / Math.max(1, counts[v][0]));
            out.put(names[v] + "_two_hop", sums[v][1] / Math.max(1, counts[v][1]));
            out.put(names[v] + "_leakage", sums[v][2] / n);
            out.put(names[v] + "_net", sums[v][3] / n);
        }
        out.put("leakage", Math.max(sums[0][2], sums[1][2]) / n);
    }

    private <T> List<T> first(List<T> xs) {
        return xs.subList(0, Math.min(people, xs.size()));
    }
}
