package dev.seal4j.seal.world;

import java.util.Map;

/**
 * What a stretch of a stage's corpus holds.
 *
 * @param documents          documents per kind
 * @param characters         characters per kind (including the EOS markers)
 * @param personFacts        distinct stated facts about pretraining people (8 per person, 2 per associate)
 * @param worldFacts         distinct world facts (city → country, organisation → city/year/industry, university → city)
 */
public record CorpusStatistics(String stage, Map<DocumentKind, Long> documents, Map<DocumentKind, Long> characters,
                               long personFacts, long worldFacts) {
    public long totalCharacters() {
        return characters.values().stream().mapToLong(Long::longValue).sum();
    }
}
