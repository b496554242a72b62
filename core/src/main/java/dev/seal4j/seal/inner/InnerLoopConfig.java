package dev.seal4j.seal.inner;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.train.LrSchedule;
import dev.seal4j.engine.train.TrainSettings;

import java.util.EnumSet;

/**
 * How a self-edit is applied and the adapted model examined: LoRA fine-tuning on the self-edit's training
 * sequences, then greedy no-context answers to questions in {@code questionTemplate}.
 *
 * @param lora             adapter shape (paper: r 32, alpha 64 on q_proj, v_proj)
 * @param lr               learning rate (paper: 1e-3)
 * @param epochs           passes over the sequences (paper: 10)
 * @param batchSize        sequences per step (paper: 1)
 * @param questionTemplate the prompt, with {title} and {question}
 * @param maxAnswerTokens  longest answer generated
 * @param appendEos        end every training sequence with the tokenizer's EOS token
 * @param replay           texts of earlier training (e.g. other people's biographies) mixed into every
 *                         application, drawn from the inner loop's replay pool: an update that must keep them
 *                         right learns the new facts for their subject, not for every subject (leakage)
 */
public record InnerLoopConfig(LoraConfig lora, float lr, int epochs, int batchSize, String questionTemplate,
                              int maxAnswerTokens, boolean appendEos, int replay) {
    public static final String PAPER_QUESTION_TEMPLATE = "Topic: {title}\nQuestion: {question}\nAnswer:";

    public InnerLoopConfig {
        if (!questionTemplate.contains("{question}")) {
            throw new BadInputException("the question template must contain {question}: " + questionTemplate);
        }
        if (maxAnswerTokens < 1) {
            throw new BadInputException("max answer tokens must be >= 1");
        }
        if (replay < 0) {
            throw new BadInputException("replay must be >= 0, got " + replay);
        }
    }

    /** The SEAL paper's inner loop: LoRA r 32, alpha 64 on q_proj and v_proj, lr 1e-3, 10 epochs, batch 1. */
    public static InnerLoopConfig paper() {
        return new InnerLoopConfig(new LoraConfig(32, 64f, 0f, EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ)),
                1e-3f, 10, 1, PAPER_QUESTION_TEMPLATE, 32, false, 0);
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
