package dev.seal4j.seal.world;

import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.seal.pretrain.Pretrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pretraining run stopped and resumed ends with exactly the weights of an uninterrupted run. */
class PretrainerResumeTest {
    private static final Pretrainer.Listener QUIET = new Pretrainer.Listener() {
        @Override
        public void onStep(Pretrainer.Step step) {
        }

        @Override
        public void onGate(Pretrainer.GateCheck check) {
        }

        @Override
        public void onMessage(String message) {
        }
    };

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws IOException {
        PretrainRecipe recipe = PretrainRecipe.small(3);
        assertTrue(new Pretrainer(new WorldCurriculum(recipe), tmp.resolve("straight"), QUIET).run(false, 0));

        Path split = tmp.resolve("split");
        assertFalse(new Pretrainer(new WorldCurriculum(recipe), split, QUIET).run(false, 7)); // stops mid-stage, after a checkpoint
        assertTrue(new Pretrainer(new WorldCurriculum(recipe), split, QUIET).run(true, 0));

        assertArrayEquals(Files.readAllBytes(tmp.resolve("straight/model/model.safetensors")),
                Files.readAllBytes(split.resolve("model/model.safetensors")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("straight/tokenizer/tokenizer.json")),
                Files.readAllBytes(split.resolve("tokenizer/tokenizer.json")));

        // the copy diagnostic scores both spans of every drill: a model this young does not copy yet
        try (Checkpoint ck = Checkpoints.open(split.resolve("model"))) {
            WorldAbilities abilities = new WorldAbilities(PretrainingCorpus.of(recipe.world()).world(),
                    new Generator(Transformer.of(ck), Tokenizers.load(split.resolve("model"))));
            WorldAbilities.CopyNll copying = abilities.copyNll(8, 5);
            assertTrue(copying.first() > 1 && copying.repeat() > 1, copying.toString());
            assertTrue(Math.abs(copying.first() - copying.repeat()) < 1.5, copying.toString());
        }
    }
}
