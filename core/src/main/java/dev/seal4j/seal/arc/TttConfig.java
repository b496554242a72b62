package dev.seal4j.seal.arc;

import com.fasterxml.jackson.annotation.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an ARC self-edit chooses (the SEAL paper's few-shot configuration): which augmentations generate
 * the test-time training data, and how to train on it.
 *
 * @param basic    rotations, flips, reflections, translations
 * @param size     ×2 resolution, ×2 height, ×2 width
 * @param chain    a rotation, flip or reflection followed by ×2 resolution
 * @param repeat   tilings (2 × 1, 1 × 2, 2 × 2)
 * @param strategy what the loss covers
 * @param learningRate the adapter's learning rate
 * @param epochs   passes over the generated data (0: no training)
 */
public record TttConfig(boolean basic, boolean size, boolean chain, boolean repeat, Strategy strategy, double learningRate,
                        int epochs) implements Serializable {

    /** What the loss of test-time training covers. */
    public enum Strategy {
        /** Every token of a training task: demonstrations, query and answer. */
        ALL_TOKENS("train_using_all_tokens"),
        /** The answer's tokens only (the grid after the last "output:"). */
        OUTPUT_TOKENS("train_using_output_tokens");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        public static java.util.Optional<Strategy> of(String label) {
            for (Strategy s : values()) {
                if (s.label.equals(label)) {
                    return java.util.Optional.of(s);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The transforms of the chosen augmentations, the identity first. */
    public List<Transform> augmentations() {
        List<Transform> out = new ArrayList<>(List.of(new Transform.Identity()));
        List<Transform> geometric = List.of(new Transform.Rotate(1), new Transform.Rotate(2), new Transform.Rotate(3),
                new Transform.Flip(true), new Transform.Flip(false), new Transform.Transpose(false), new Transform.Transpose(true));
        if (basic) {
            out.addAll(geometric);
            out.add(new Transform.Translate(1, 1));
        }
        if (size) {
            out.addAll(List.of(new Transform.Upscale(2, 2), new Transform.Upscale(2, 1), new Transform.Upscale(1, 2)));
        }
        if (chain) {
            geometric.forEach(t -> out.add(new Transform.Chain(t, new Transform.Upscale(2, 2))));
        }
        if (repeat) {
            out.addAll(List.of(new Transform.Tile(2, 1), new Transform.Tile(1, 2), new Transform.Tile(2, 2)));
        }
        return out;
    }

    /** The JSON a self-edit writes for this configuration (the form the paper's model was prompted for). */
    public String json() {
        return String.format(Locale.ROOT, "{\"data_generation\": {\"use_basic_augmentations\": %b, \"use_size_augmentations\": %b, "
                        + "\"use_chain_augmentations\": %b, \"use_repeat_augmentations\": %b}, \"training\": {\"strategy\": \"%s\", "
                        + "\"learning_rate\": %s, \"num_train_epochs\": %d}}", basic, size, chain, repeat, strategy.label(),
                learningRateText(learningRate), epochs);
    }

    /** "1e-4", "3e-3": how a person writes a learning rate (Java's form when it is not one digit times a power of 10). */
    static String learningRateText(double lr) {
        int exponent = (int) Math.floor(Math.log10(lr));
        double mantissa = lr / Math.pow(10, exponent);
        long digit = Math.round(mantissa);
        return Math.abs(mantissa - digit) < 1e-9 && digit >= 1 && digit <= 9 ? digit + "e" + exponent : Double.toString(lr);
    }
}
