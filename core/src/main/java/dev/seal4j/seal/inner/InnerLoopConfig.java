package dev.seal4j.seal.inner;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.Checks;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.train.LrSchedule;
import dev.seal4j.engine.train.TrainSettings;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a self-edit is applied and the adapted model examined: LoRA fine-tuning on the self-edit's training
 * sequences, then greedy no-context answers to questions in {@code questionTemplate}. Written as it stands in
 * config.yaml and in a built-in model's world.json.
 *
 * @param loraRank         adapter rank (paper: 32)
 * @param loraAlpha        adapter alpha (paper: 64)
 * @param targets          adapted projections (paper: q_proj, v_proj)
 * @param lr               learning rate (paper: 1e-3)
 * @param epochs           passes over the sequences (paper: 10)
 * @param batchSize        sequences per step (paper: 1)
 * @param questionTemplate the prompt, with {title} and {question}
 * @param maxAnswerTokens  longest answer generated
 * @param appendEos        end every training sequence with the tokenizer's EOS token
 * @param replay           texts of earlier training (e.g. other people's biographies) mixed into every
 *                         application, drawn from a replay pool: an update that must keep them right learns the
 *                         new facts for their subject, not for every subject (leakage)
 */
public record InnerLoopConfig(int loraRank, float loraAlpha, Set<LoraTarget> targets, float lr, int epochs, int batchSize,
                              String questionTemplate, int maxAnswerTokens, boolean appendEos, int replay) implements Serializable {
    public static final String PAPER_QUESTION_TEMPLATE = "Topic: {title}\nQuestion: {question}\nAnswer:";
    /** The SEAL paper's inner loop: LoRA r 32, alpha 64 on q_proj and v_proj, lr 1e-3, 10 epochs, batch 1. */
    public static final InnerLoopConfig PAPER = new InnerLoopConfig(32, 64f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ),
            1e-3f, 10, 1, PAPER_QUESTION_TEMPLATE, 32, false, 0);

    public InnerLoopConfig {
        targets = LoraTarget.setOf(targets);
        if (!questionTemplate.contains("{question}")) {
            throw new BadInputException("the question template must contain {question}: " + questionTemplate);
        }
        Checks.positive("the inner loop's learning rate (--lr)", lr);
        Checks.atLeast("the inner loop's epochs (--epochs)", epochs, 1);
        Checks.atLeast("the inner loop's batch size (--batch-size)", batchSize, 1);
        Checks.atLeast("the longest answer (--answer-tokens)", maxAnswerTokens, 1);
        Checks.atLeast("replay (--replay)", replay, 0);
        new LoraConfig(loraRank, loraAlpha, 0f, targets); // checks the adapter's shape
    }

    /** An inner loop that trains {@code lora} (without dropout: applications are deterministic). */
    public InnerLoopConfig(LoraConfig lora, float lr, int epochs, int batchSize, String questionTemplate, int maxAnswerTokens,
                           boolean appendEos, int replay) {
        this(lora.rank(), lora.alpha(), lora.targets(), lr, epochs, batchSize, questionTemplate, maxAnswerTokens, appendEos, replay);
        if (lora.dropout() != 0) {
            throw new IllegalArgumentException("the inner loop trains without LoRA dropout, got " + lora.dropout());
        }
    }

    /** The adapter each application trains. */
    public LoraConfig lora() {
        return new LoraConfig(loraRank, loraAlpha, 0f, targets);
    }

    /** The training settings of one application (seeded per candidate). */
    public TrainSettings trainSettings(long seed) {
        return new TrainSettings(lr, epochs, 0, batchSize, 1, LrSchedule.CONSTANT, 0, 0f, 1f, seed);
    }

    /** The no-context question prompt. */
    public String prompt(String title, String question) {
        return questionTemplate.replace("{title}", title).replace("{question}", question);
    }
}
