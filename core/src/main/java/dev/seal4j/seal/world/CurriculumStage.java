package dev.seal4j.seal.world;

import dev.seal4j.engine.BadInputException;

import java.util.List;
import java.util.Map;

/**
 * A pretraining stage: a mix of document kinds with relative weights. Later stages keep some documents of
 * earlier ones so earlier abilities are not forgotten.
 */
public record CurriculumStage(String name, Map<DocumentKind, Double> weights) {
    public CurriculumStage {
        if (weights.values().stream().anyMatch(w -> w == null || !(w >= 0))
                || weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new BadInputException("curriculum stage '" + name + "': weights must be >= 0 with a positive sum");
        }
        weights = Map.copyOf(weights);
    }

    /** (1) copying, (2) reading, (3) storage and extraction, (4) self-edit writing. */
    public static List<CurriculumStage> defaults() {
        return List.of(
                new CurriculumStage("copying", Map.of(DocumentKind.COPY, 0.5, DocumentKind.LOOKUP, 0.5)),
                new CurriculumStage("reading", Map.of(DocumentKind.READING_QA, 0.6, DocumentKind.COPY, 0.2,
                        DocumentKind.LOOKUP, 0.2)),
                new CurriculumStage("storage", Map.of(DocumentKind.BIOGRAPHY, 0.4, DocumentKind.PERSON_QA, 0.2,
                        DocumentKind.WORLD_FACTS, 0.12, DocumentKind.WORLD_QA, 0.08, DocumentKind.READING_QA, 0.1,
                        DocumentKind.READING_QA_TWO_HOP, 0.05, DocumentKind.COPY, 0.05)),
                new CurriculumStage("self-edit", Map.of(DocumentKind.SELF_EDIT_IMPLICATIONS, 0.25,
                        DocumentKind.SELF_EDIT_REWRITE, 0.08, DocumentKind.SELF_EDIT_SELF_QA, 0.07,
                        DocumentKind.BIOGRAPHY, 0.2, DocumentKind.PERSON_QA, 0.1, DocumentKind.WORLD_FACTS, 0.08,
                        DocumentKind.WORLD_QA, 0.05, DocumentKind.READING_QA_TWO_HOP, 0.12, DocumentKind.COPY, 0.05)));
    }

    /** A default stage by name. */
    public static CurriculumStage named(String name) {
        return defaults().stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow(() ->
                new BadInputException("unknown curriculum stage '" + name + "' (known: copying, reading, storage, self-edit)"));
    }
}
