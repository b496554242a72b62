package dev.seal4j.seal.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.seal.run.RunDirectory;

/**
 * A knowledge run's config.yaml: the experiment and where its model and data are (absolute paths; the
 * manifest records their SHA-256, and resuming checks them).
 *
 * @param tokenizer null when the model carries its own
 * @param train     null when no method needs training passages
 * @param teacher   null when the evaluation data carries its teacher implications (or there are none)
 * @param replay    null when the inner loop replays nothing
 */
public record KnowledgeRun(KnowledgeConfig experiment, String model, String tokenizer, String eval, String train,
                           String teacher, String replay) {

    /** The run's config.yaml, also as runs recorded it before the config was typed ({@link KnowledgeConfigV1}). */
    public static KnowledgeRun read(RunDirectory run) {
        if (run.config(JsonNode.class).path("experiment").has("self_edit_max_tokens")) {
            Recorded old = run.config(Recorded.class);
            return new KnowledgeRun(old.experiment().upgrade(), old.model(), old.tokenizer(), old.eval(), old.train(),
                    old.teacher(), old.replay());
        }
        return run.config(KnowledgeRun.class);
    }

    /** The config.yaml of a run recorded before the config was typed. */
    record Recorded(KnowledgeConfigV1 experiment, String model, String tokenizer, String eval, String train, String teacher,
                    String replay) {
    }
}
