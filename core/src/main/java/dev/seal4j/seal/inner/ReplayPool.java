package dev.seal4j.seal.inner;

import dev.seal4j.engine.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Texts of earlier training (e.g. the biographies a model was pretrained on), {@code perApplication} of which
 * are mixed into every application of the inner loop, drawn by the application's seed.
 */
public final class ReplayPool {
    /** No replay. */
    public static final ReplayPool NONE = new ReplayPool(List.of(), 0);

    private final List<String> texts;
    private final int perApplication;

    public ReplayPool(List<String> texts, int perApplication) {
        if (perApplication > texts.size()) {
            throw new BadInputException("the inner loop replays " + perApplication + " texts per application but "
                    + (texts.isEmpty() ? "no replay texts were given" : "only " + texts.size() + " were given"));
        }
        this.texts = List.copyOf(texts);
        this.perApplication = perApplication;
    }

    /** The sequences followed by {@code perApplication} distinct texts of the pool, chosen by the seed. */
    public List<String> mix(List<String> sequences, long seed) {
        if (perApplication == 0) {
            return sequences;
        }
        List<String> out = new ArrayList<>(sequences);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EA1_4E91_A7L);
        Set<Integer> drawn = new LinkedHashSet<>();
        while (drawn.size() < perApplication) {
            drawn.add(random.nextInt(texts.size()));
        }
        drawn.forEach(i -> out.add(texts.get(i)));
        return out;
    }
}
