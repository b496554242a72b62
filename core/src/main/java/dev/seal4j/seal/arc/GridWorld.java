package dev.seal4j.seal.arc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The built-in grid world: few-shot tasks in ARC's form whose rule is one {@link Primitive} or two in sequence,
 * on small grids. Task families — a primitive, or an ordered pair of two different ones — are split by the
 * world seed: pretraining sees every single primitive and a share of the pairs; SEAL training and evaluation
 * each get pairs of their own. An evaluation task is thus a new composition of known primitives with new
 * parameters: nothing pretraining or ReST-EM saw, no concept it did not.
 *
 * @param worldSeed      which pairs go where
 * @param minSide        smallest input side
 * @param maxSide        largest input side
 * @param maxOutputSide  largest output side (inputs whose output is larger are drawn again)
 * @param demonstrations demonstrations per task
 */
public record GridWorld(long worldSeed, int minSide, int maxSide, int maxOutputSide, int demonstrations) {
    /** The world of the built-in grid model. */
    public static GridWorld standard(long worldSeed) {
        return new GridWorld(worldSeed, 3, 6, 12, 3);
    }

    /** Which tasks a split holds. */
    public enum Split { PRETRAIN, TRAIN, EVAL }

    /** A task family: its primitives, in order. */
    public record Family(List<Primitive> primitives) {
        public Family {
            primitives = List.copyOf(primitives);
        }

        public String name() {
            return primitives.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("+"));
        }
    }

    /** Of the ordered pairs, the shares that go to pretraining and to SEAL training; the rest are evaluation's. */
    private static final double PRETRAIN_PAIRS = 0.5;
    private static final double TRAIN_PAIRS = 0.17;

    /** The families of a split. */
    public List<Family> families(Split split) {
        List<Family> pairs = new ArrayList<>();
        for (Primitive a : Primitive.values()) {
            for (Primitive b : Primitive.values()) {
                if (a != b) {
                    pairs.add(new Family(List.of(a, b)));
                }
            }
        }
        Collections.shuffle(pairs, new Random(worldSeed * 0x9E3779B97F4A7C15L + 17));
        int pretrain = (int) Math.round(PRETRAIN_PAIRS * pairs.size());
        int train = (int) Math.round(TRAIN_PAIRS * pairs.size());
        return switch (split) {
            case PRETRAIN -> {
                List<Family> out = new ArrayList<>();
                for (Primitive p : Primitive.values()) {
                    out.add(new Family(List.of(p)));
                }
                out.addAll(pairs.subList(0, pretrain));
                yield out;
            }
            case TRAIN -> pairs.subList(pretrain, pretrain + train);
            case EVAL -> pairs.subList(pretrain + train, pairs.size());
        };
    }

    /** {@code count} tasks of a split, its families in turn, drawn with {@code seed}. */
    public List<ArcTask> tasks(Split split, int count, long seed) {
        List<Family> families = families(split);
        List<ArcTask> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Family f = families.get(i % families.size());
            out.add(task(f, split.name().toLowerCase(Locale.ROOT) + "-" + i + "-" + f.name(), seed * 1_000_003L + i));
        }
        return out;
    }

    /** A task of a family: a palette, the rule's parameters, demonstrations and one test, all drawn from the seed. */
    public ArcTask task(Family family, String id, long seed) {
        Random random = new Random(seed);
        while (true) {
            Primitive.Palette palette = palette(random);
            List<Rule> rules = family.primitives().stream().map(p -> p.draw(random, palette)).toList();
            List<ArcPair> pairs = pairs(rules, palette, random);
            if (pairs != null) {
                return new ArcTask(id, pairs.subList(0, demonstrations), pairs.subList(demonstrations, pairs.size()));
            }
        }
    }

    private static Primitive.Palette palette(Random random) {
        List<Integer> colours = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(colours, random);
        int n = 2 + random.nextInt(2);
        return new Primitive.Palette(colours.subList(0, n).stream().mapToInt(Integer::intValue).toArray(), colours.get(n));
    }

    /** Demonstrations and a test with distinct inputs whose outputs fit; null when the rule keeps failing. */
    private List<ArcPair> pairs(List<Rule> rules, Primitive.Palette palette, Random random) {
        List<ArcPair> out = new ArrayList<>();
        boolean changes = false;
        for (int attempt = 0; attempt < 200 && out.size() < demonstrations + 1; attempt++) {
            Grid input = input(palette, random);
            Grid output = input;
            for (Rule r : rules) {
                output = r.apply(output);
            }
            Grid in = input, o = output;
            if (o.rows() > maxOutputSide || o.cols() > maxOutputSide || out.stream().anyMatch(p -> p.input().equals(in))) {
                continue;
            }
            changes |= !o.equals(in);
            out.add(new ArcPair(in, o));
        }
        return out.size() == demonstrations + 1 && changes ? out : null;
    }

    /** A random input: some cells of the palette's colours on the background. */
    private Grid input(Primitive.Palette palette, Random random) {
        int rows = minSide + random.nextInt(maxSide - minSide + 1);
        int cols = minSide + random.nextInt(maxSide - minSide + 1);
        double density = 0.15 + 0.3 * random.nextDouble();
        int[] colours = palette.colours();
        Grid g;
        do {
            g = Grid.build(rows, cols, (r, c) -> random.nextDouble() < density ? colours[random.nextInt(colours.length)] : 0);
        } while (g.equals(Grid.filled(rows, cols, 0)));
        return g;
    }
}
