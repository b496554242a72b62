package dev.seal4j.seal.arc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paper's rules for reading an ARC self-edit, and a reason in words for every refusal. */
class ArcSelfEditTest {
    private static final String GOOD = "{\"data_generation\": {\"use_basic_augmentations\": true, \"use_size_augmentations\": false, "
            + "\"use_chain_augmentations\": false, \"use_repeat_augmentations\": true}, \"training\": {\"strategy\": "
            + "\"train_using_output_tokens\", \"learning_rate\": 5e-4, \"num_train_epochs\": 3}}";

    @Test
    void aWellFormedConfigurationIsRead() {
        ArcSelfEdit.Reading r = ArcSelfEdit.read(GOOD + "\n");
        assertTrue(r.accepted(), r.rejected());
        assertEquals(new TttConfig(true, false, false, true, TttConfig.Strategy.OUTPUT_TOKENS, 5e-4, 3), r.config());
        assertEquals(r.config(), ArcSelfEdit.read(r.config().json()).config(), "json() reads back");
        assertEquals(r.config(), ArcSelfEdit.read(GOOD + " and some chatter after").config(), "text after the object is ignored");
    }

    @Test
    void everyRefusalSaysWhy() {
        assertEquals("not a JSON object", ArcSelfEdit.read("[1, 2]").rejected());
        assertTrue(ArcSelfEdit.read("use basic augmentations please").rejected().startsWith("not JSON"));
        assertEquals("unknown key data_generation.use_colour_augmentations",
                ArcSelfEdit.read(GOOD.replace("use_size_augmentations", "use_colour_augmentations")).rejected());
        assertEquals("unknown key extra", ArcSelfEdit.read(GOOD.replace("{\"data_generation\"", "{\"extra\": 1, \"data_generation\"")).rejected());
        assertEquals("unknown strategy 'train_using_input_tokens'",
                ArcSelfEdit.read(GOOD.replace("train_using_output_tokens", "train_using_input_tokens")).rejected());
        assertTrue(ArcSelfEdit.read(GOOD.replace("5e-4", "\"fast\"")).rejected().startsWith("training.learning_rate"));
        assertTrue(ArcSelfEdit.read(GOOD.replace("5e-4", "-1")).rejected().startsWith("training.learning_rate"));
        assertTrue(ArcSelfEdit.read(GOOD.replace("\"num_train_epochs\": 3", "\"num_train_epochs\": 2.5")).rejected()
                .startsWith("training.num_train_epochs"));
        assertEquals("data_generation.use_basic_augmentations is not true or false",
                ArcSelfEdit.read(GOOD.replace("\"use_basic_augmentations\": true", "\"use_basic_augmentations\": \"yes\"")).rejected());
        assertFalse(ArcSelfEdit.read("{\"data_generation\": {}}").accepted(), "no training section");
    }

    @Test
    void zeroEpochsIsAConfigurationThatTrainsNothing() {
        ArcSelfEdit.Reading r = ArcSelfEdit.read(GOOD.replace("\"num_train_epochs\": 3", "\"num_train_epochs\": 0"));
        assertTrue(r.accepted());
        assertEquals(0, r.config().epochs());
    }

    @Test
    void learningRatesAreWrittenAsPeopleWriteThem() {
        assertEquals("1e-4", TttConfig.learningRateText(1e-4));
        assertEquals("3e-3", TttConfig.learningRateText(3e-3));
        assertEquals("5e-6", TttConfig.learningRateText(5e-6));
        assertEquals("1.5E-4", TttConfig.learningRateText(1.5e-4));
    }
}
