package dev.seal4j.seal.knowledge;

/**
 * A knowledge run's config.yaml: the experiment and where its model and data are (absolute paths; the
 * manifest records their SHA-256, and resuming checks them).
 *
 * @param tokenizer null when the model carries its own
 * @param train     null when no method needs training passages
 * @param teacher   null when the evaluation data carries its teacher implications (or there are none)
 */
public record KnowledgeRun(KnowledgeConfig experiment, String model, String tokenizer, String eval, String train,
                           String teacher, String replay) {
}
