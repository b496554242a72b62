package dev.seal4j.seal.arc;

/**
 * An ARC run's config.yaml: the experiment and where its model and tasks are (absolute paths; the manifest
 * records their SHA-256, and resuming checks them).
 *
 * @param tokenizer      null when the model carries its own
 * @param trainTasks     null when no method trains a generator
 * @param trainSolutions null with trainTasks
 */
public record ArcRun(ArcConfig experiment, String model, String tokenizer, String tasks, String solutions, String trainTasks,
                     String trainSolutions) {
}
