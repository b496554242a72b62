package dev.seal4j.seal.world;

import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tokenizer.Tokenizers;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed built-in model (models/tiny-world) loads, reads a passage in its prompt and writes self-edits
 * that parse and state the passage's facts: a few seconds of the abilities its model card reports in full.
 */
class BuiltInModelSmokeTest {
    private static final Path MODEL = Path.of("..", "models", "tiny-world");

    @Test
    void theCommittedModelReadsAndWritesSelfEdits() {
        assertTrue(Files.isDirectory(MODEL), "models/tiny-world is committed");
        BuiltInModel built = BuiltInModel.read(MODEL);
        WorldConfig config = built.world();
        World world = World.generate(config.worldSeed(), config.shape());
        List<Person> people = Populations.draw(world, config).eval().people().subList(0, 4);
        try (Checkpoint ck = Checkpoints.open(MODEL)) {
            WorldAbilities abilities = new WorldAbilities(world, new Generator(Transformer.of(ck), Tokenizers.load(MODEL)));
            double reading = WorldAbilities.accuracy(abilities.answer(people, true, AttributeKind.DIRECT, 4));
            assertTrue(reading >= 0.6, "QA with the passage in context: " + reading);
            WorldAbilities.SelfEditQuality edits = abilities.selfEdits(people, SelfEditFormat.IMPLICATIONS, 1, 1f, 1);
            assertTrue(edits.parseRate() >= 0.75, "self-edits parse: " + edits.parseRate());
            assertTrue(edits.factPrecision() >= 0.5, "self-edits state the passage's facts: " + edits.factPrecision());
        }
    }
}
