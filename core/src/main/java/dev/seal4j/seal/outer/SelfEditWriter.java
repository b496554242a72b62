package dev.seal4j.seal.outer;

import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-edits a method's generator writes for the evaluation contexts (the base model's for
 * base_self_edits, a round's generator's for seal_round_r), recorded as they are written; a resumed run reads
 * them back instead of sampling again.
 */
public record SelfEditWriter<C>(Domain<C, ?> domain, SelfEditSampling sampling, Tokenizer tokenizer, Seeds seeds,
                                RunLog<?> log, Progress progress) {

    /** {@code samples} self-edits per context; result.get(i) are context i's. */
    public List<List<String>> write(String method, Transformer generator, List<C> contexts, int samples) {
        Set<Integer> missing = new LinkedHashSet<>();
        for (int i = 0; i < contexts.size(); i++) {
            for (int s = 0; s < samples; s++) {
                if (log.selfEdit(new RecordKey.EvalSelfEdit(method, i, s)).isEmpty()) {
                    missing.add(i);
                }
            }
        }
        if (!missing.isEmpty()) {
            progress.phase(method + ": writing self-edits", missing.size());
            Map<Integer, List<String>> written = new SelfEditSampler(generator, tokenizer, sampling.settings(seeds.evalSelfEdits(method)))
                    .sample(contexts.stream().map(domain::prompt).toList(), samples, missing);
            for (int i : missing) {
                C context = contexts.get(i);
                for (int s = 0; s < samples; s++) {
                    RecordKey key = new RecordKey.EvalSelfEdit(method, i, s);
                    if (log.selfEdit(key).isEmpty()) {
                        String text = written.get(i).get(s);
                        log.addSelfEdit(new RunLog.SelfEditRecord(key, "eval", method, domain.title(context), s, domain.prompt(context),
                                text, domain.parse(context, text), null));
                    }
                }
                progress.advance(method);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            List<String> texts = new ArrayList<>();
            for (int s = 0; s < samples; s++) {
                texts.add(log.selfEdit(new RecordKey.EvalSelfEdit(method, i, s)).orElseThrow().completion());
            }
            out.add(texts);
        }
        return out;
    }
}
