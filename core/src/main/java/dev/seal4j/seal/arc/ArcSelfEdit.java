package dev.seal4j.seal.arc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ARC self-edit — a JSON configuration — by the SEAL paper's rules: it must be a JSON object with
 * {@code data_generation} (four boolean flags) and {@code training} ({@code strategy},
 * {@code learning_rate}, {@code num_train_epochs}); an unknown key or strategy makes it train 0 epochs (the
 * test is then answered without adaptation); text that is not JSON trains nothing either. Every reading says
 * why, in words.
 */
public final class ArcSelfEdit {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP = Set.of("data_generation", "training");
    private static final Set<String> FLAGS = Set.of("use_basic_augmentations", "use_size_augmentations",
            "use_chain_augmentations", "use_repeat_augmentations");
    private static final Set<String> TRAINING = Set.of("strategy", "learning_rate", "num_train_epochs");
    /** Above this a learning rate is not a choice but a typo; the configuration is refused. */
    public static final double MAX_LEARNING_RATE = 1;
    public static final int MAX_EPOCHS = 100;

    private ArcSelfEdit() {
    }

    /**
     * What a self-edit says: a configuration, or why there is none.
     *
     * @param config   null when rejected
     * @param rejected null when accepted; otherwise the reason, in words
     */
    public record Reading(TttConfig config, String rejected) {
        public boolean accepted() {
            return config != null;
        }
    }

    public static Reading read(String selfEdit) {
        String text = selfEdit.strip();
        int end = text.lastIndexOf('}');
        JsonNode root;
        try {
            root = JSON.readTree(end >= 0 ? text.substring(0, end + 1) : text);
        } catch (JsonProcessingException e) {
            return rejected("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return rejected("not a JSON object");
        }
        Optional<String> unknown = unknownKey(root, TOP, "").or(() -> unknownKey(root.path("data_generation"), FLAGS, "data_generation."))
                .or(() -> unknownKey(root.path("training"), TRAINING, "training."));
        if (unknown.isPresent()) {
            return rejected("unknown key " + unknown.get());
        }
        JsonNode data = root.path("data_generation");
        JsonNode training = root.path("training");
        for (String flag : FLAGS) {
            if (data.has(flag) && !data.get(flag).isBoolean()) {
                return rejected("data_generation." + flag + " is not true or false");
            }
        }
        if (!training.path("strategy").isTextual()) {
            return rejected("training.strategy is missing or not a string");
        }
        Optional<TttConfig.Strategy> strategy = TttConfig.Strategy.of(training.get("strategy").asText());
        if (strategy.isEmpty()) {
            return rejected("unknown strategy '" + training.get("strategy").asText() + "'");
        }
        JsonNode lr = training.path("learning_rate");
        if (!lr.isNumber() || !(lr.asDouble() > 0) || lr.asDouble() > MAX_LEARNING_RATE) {
            return rejected("training.learning_rate must be a number in (0, " + MAX_LEARNING_RATE + "], got " + lr);
        }
        JsonNode epochs = training.path("num_train_epochs");
        if (!epochs.canConvertToInt() || !epochs.isIntegralNumber() || epochs.asInt() < 0 || epochs.asInt() > MAX_EPOCHS) {
            return rejected("training.num_train_epochs must be a whole number 0 to " + MAX_EPOCHS + ", got " + epochs);
        }
        return new Reading(new TttConfig(data.path("use_basic_augmentations").asBoolean(false),
                data.path("use_size_augmentations").asBoolean(false), data.path("use_chain_augmentations").asBoolean(false),
                data.path("use_repeat_augmentations").asBoolean(false), strategy.get(), lr.asDouble(), epochs.asInt()), null);
    }

    private static Reading rejected(String why) {
        return new Reading(null, why);
    }

    private static Optional<String> unknownKey(JsonNode node, Set<String> known, String prefix) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                return Optional.of(prefix + key);
            }
        }
        return Optional.empty();
    }
}
