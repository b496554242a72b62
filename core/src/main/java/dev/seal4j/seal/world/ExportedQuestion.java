package dev.seal4j.seal.world;

/**
 * A question of the export.
 *
 * @param kind       "direct" (stated in the passage) or "two_hop" (implied through a world fact)
 * @param attribute  which attribute it asks for ("birth_city", "work_city", ...)
 * @param distractor the same question about another person of the split whose answer differs; after adapting
 *                   to this passage, answering it with this passage's answer is leakage (null only if no
 *                   person of the split has a different answer)
 */
public record ExportedQuestion(String question, String answer, String kind, String attribute, Distractor distractor) {
}
