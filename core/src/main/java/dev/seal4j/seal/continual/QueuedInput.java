package dev.seal4j.seal.continual;

/**
 * A learning input in the durable queue.
 *
 * @param id       sortable by arrival ("in-" + arrival millis + arrival counter + random suffix)
 * @param received ISO-8601 instant
 */
public record QueuedInput(String id, String received, LearningInput input) {
}
