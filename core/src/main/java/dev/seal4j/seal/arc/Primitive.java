package dev.seal4j.seal.arc;

import java.util.List;
import java.util.Random;

/** The kinds of primitive rule of the grid world, each drawing its parameters for a task. */
public enum Primitive {
    GEOMETRY {
        Rule draw(Random random, Palette palette) {
            List<Transform> all = ArcPrediction.VIEWS.subList(1, ArcPrediction.VIEWS.size());
            return new Rule.Geometry(all.get(random.nextInt(all.size())));
        }
    },
    COLOUR_MAP {
        Rule draw(Random random, Palette palette) {
            int n = 1 + random.nextInt(Math.min(2, palette.colours().length));
            int[] from = new int[n], to = new int[n];
            for (int i = 0; i < n; i++) {
                from[i] = palette.colours()[i];
                to[i] = i == 0 ? palette.spare() : palette.colours()[(i + 1) % palette.colours().length];
            }
            return new Rule.ColourMap(from, to);
        }
    },
    GRAVITY {
        Rule draw(Random random, Palette palette) {
            int[] d = DIRECTIONS[random.nextInt(4)];
            return new Rule.Gravity(d[0], d[1]);
        }
    },
    SHIFT {
        Rule draw(Random random, Palette palette) {
            int[] d = DIRECTIONS[random.nextInt(4)];
            return new Rule.Shift(d[0], d[1]);
        }
    },
    TILE {
        Rule draw(Random random, Palette palette) {
            int[][] shapes = {{1, 2}, {2, 1}, {2, 2}};
            int[] s = shapes[random.nextInt(shapes.length)];
            return new Rule.Tile(s[0], s[1]);
        }
    },
    UPSCALE {
        Rule draw(Random random, Palette palette) {
            return new Rule.Upscale();
        }
    },
    CROP {
        Rule draw(Random random, Palette palette) {
            return new Rule.Crop();
        }
    },
    MIRROR {
        Rule draw(Random random, Palette palette) {
            return new Rule.Mirror(random.nextBoolean());
        }
    },
    LINES {
        Rule draw(Random random, Palette palette) {
            int[] d = DIRECTIONS[random.nextInt(4)];
            return new Rule.Lines(d[0], d[1]);
        }
    },
    SIZE_COLOUR {
        Rule draw(Random random, Palette palette) {
            return new Rule.SizeColour(2 + random.nextInt(2), palette.spare());
        }
    };

    private static final int[][] DIRECTIONS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

    /** This kind's rule with parameters drawn for a task of the given colours. */
    abstract Rule draw(Random random, Palette palette);

    /**
     * A task's colours: those its inputs use, and a spare one they do not (for rules that introduce a colour).
     */
    record Palette(int[] colours, int spare) {
    }
}
