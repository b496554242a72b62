package dev.seal4j.seal.knowledge;

import dev.seal4j.seal.outer.GeneratorTraining;
import dev.seal4j.seal.run.RunDirectory;
import dev.seal4j.seal.run.RunInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's config.yaml reads back as written; one written before an option existed gets that option's old behaviour. */
class KnowledgeConfigTest {
    @TempDir
    Path tmp;

    private <T> T roundTrip(Path dir, Object config, Class<T> type) throws Exception {
        Path data = Files.writeString(tmp.resolve("data.json"), "[]");
        try (RunDirectory run = RunDirectory.createAt(dir, "knowledge", config, new RunInputs(null, List.of(data), List.of("test"), Map.of()))) {
            return run.config(type);
        }
    }

    @Test
    void theGeneratorsEndOfSequenceIsRecorded() throws Exception {
        GeneratorTraining without = GeneratorTraining.PAPER.withEndWithEos(false);
        assertFalse(roundTrip(tmp.resolve("new"), without, GeneratorTraining.class).endWithEos());
    }

    @Test
    void runsFromBeforeTheOptionTrainedWithTheEndOfSequence() throws Exception {
        Map<String, Object> old = Map.of("lora_rank", 16, "lora_alpha", 32.0, "targets", List.of("q_proj"), "lr", 1e-3,
                "epochs", 2, "batch_size", 1); // a config.yaml generator section written before end_with_eos
        assertTrue(roundTrip(tmp.resolve("old"), old, GeneratorTraining.class).endWithEos());
    }

    @Test
    void theWholeConfigReadsBackAsWritten() throws Exception {
        KnowledgeConfig config = KnowledgeConfig.PAPER.withMethods(List.of(KnowledgeMethod.BASE, KnowledgeMethod.NO_SELECTION))
                .withSeed(7);
        assertEquals(config, roundTrip(tmp.resolve("whole"), config, KnowledgeConfig.class));
    }
}
