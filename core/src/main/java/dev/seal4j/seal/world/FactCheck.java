package dev.seal4j.seal.world;

import java.util.List;

/**
 * The values a self-edit mentions and those that are not true of its passage.
 *
 * @param mentions    how many known values (places, organisations, names, years, fields, roles, ...) it mentions
 * @param unsupported the mentioned values that are neither in the passage's facts nor implied by them
 */
public record FactCheck(int mentions, List<String> unsupported) {
    public FactCheck {
        unsupported = List.copyOf(unsupported);
    }

    /** Fraction of mentioned values that are supported (1 when nothing is mentioned). */
    public double precision() {
        return mentions == 0 ? 1.0 : (mentions - unsupported.size()) / (double) mentions;
    }
}
