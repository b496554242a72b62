package dev.seal4j.seal.continual;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.seal.selfedit.SelfEditFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label-free probes: the model, with the passage in its context, writes question–answer pairs about it
 * (the self-QA format, greedy), which are asked later without the passage.
 */
public final class ProbeWriter {
    private static final Pattern PAIR = Pattern.compile(
            "(?is)Question\\s*\\d*\\s*:\\s*(.+?)\\s*\\n\\s*Answer\\s*\\d*\\s*:\\s*(.+?)\\s*$");

    private final Generator generator;
    private final int maxTokens;
    private final int maxProbes;

    public ProbeWriter(Transformer model, Tokenizer tokenizer, int maxTokens, int maxProbes) {
        this.generator = new Generator(model, tokenizer);
        this.maxTokens = maxTokens;
        this.maxProbes = maxProbes;
    }

    /** The raw self-QA completion for a passage. */
    public String complete(String title, String passage) {
        int[] prompt = generator.tokenizer().encode(SelfEditFormat.SELF_QA.prompt(title, passage));
        return generator.generate(prompt, SamplingSettings.greedy(maxTokens), null, null).text();
    }

    /** The probes a self-QA completion holds: every "Question N: … / Answer N: …" pair, at most maxProbes. */
    public List<Probe> probes(String title, String passage, String completion) {
        List<Probe> out = new ArrayList<>();
        for (String sequence : SelfEditFormat.SELF_QA.parse(title, passage, completion).selfEditSequences()) {
            Matcher m = PAIR.matcher(sequence.substring(title.length() + 1));
            if (m.find() && out.size() < maxProbes) {
                String answer = m.group(2).lines().findFirst().orElse("").strip();
                String question = m.group(1).strip();
                if (!answer.isEmpty() && !question.isEmpty()) {
                    out.add(new Probe(title, question, answer));
                }
            }
        }
        return out;
    }
}
