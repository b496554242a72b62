package dev.seal4j.seal.arc;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;

/**
 * An invertible change of a grid, applied alike to every grid of a task: its augmentations (new tasks to
 * train on) and its views (the test input seen another way, the answer mapped back). {@code undo} is the
 * inverse on the transform's image: {@code undo(apply(g))} is {@code g} for every grid {@code apply} accepts,
 * and a grid outside the image (a model's answer of the wrong shape) has none.
 */
public sealed interface Transform extends Serializable {
    Grid apply(Grid g);

    Optional<Grid> undo(Grid g);

    /** Whether the transformed grid stays within 30 × 30. */
    default boolean fits(Grid g) {
        return true;
    }

    /** A short name for records ("rot90", "flip-h+up2x2"). */
    String name();

    /** The same grid. */
    record Identity() implements Transform {
        public Grid apply(Grid g) {
            return g;
        }

        public Optional<Grid> undo(Grid g) {
            return Optional.of(g);
        }

        public String name() {
            return "identity";
        }
    }

    /** {@code quarterTurns} clockwise quarter turns (1 to 3). */
    record Rotate(int quarterTurns) implements Transform {
        public Grid apply(Grid g) {
            Grid out = g;
            for (int i = 0; i < quarterTurns; i++) {
                Grid in = out;
                out = Grid.build(in.cols(), in.rows(), (r, c) -> in.at(in.rows() - 1 - c, r));
            }
            return out;
        }

        public Optional<Grid> undo(Grid g) {
            return Optional.of(new Rotate(4 - quarterTurns).apply(g));
        }

        public String name() {
            return "rot" + 90 * quarterTurns;
        }
    }

    /** A mirror image: left–right ({@code horizontal}) or top–bottom. */
    record Flip(boolean horizontal) implements Transform {
        public Grid apply(Grid g) {
            return horizontal ? Grid.build(g.rows(), g.cols(), (r, c) -> g.at(r, g.cols() - 1 - c))
                    : Grid.build(g.rows(), g.cols(), (r, c) -> g.at(g.rows() - 1 - r, c));
        }

        public Optional<Grid> undo(Grid g) {
            return Optional.of(apply(g));
        }

        public String name() {
            return horizontal ? "flip-h" : "flip-v";
        }
    }

    /** Reflection across the main diagonal ({@code anti}: across the other one). */
    record Transpose(boolean anti) implements Transform {
        public Grid apply(Grid g) {
            return anti ? Grid.build(g.cols(), g.rows(), (r, c) -> g.at(g.rows() - 1 - c, g.cols() - 1 - r))
                    : Grid.build(g.cols(), g.rows(), (r, c) -> g.at(c, r));
        }

        public Optional<Grid> undo(Grid g) {
            return Optional.of(apply(g));
        }

        public String name() {
            return anti ? "anti-transpose" : "transpose";
        }
    }

    /** Background rows above and columns to the left: the content moved down by {@code rows}, right by {@code cols}. */
    record Translate(int rows, int cols) implements Transform {
        public Grid apply(Grid g) {
            return Grid.build(g.rows() + rows, g.cols() + cols, (r, c) -> r < rows || c < cols ? 0 : g.at(r - rows, c - cols));
        }

        public boolean fits(Grid g) {
            return g.rows() + rows <= Grid.MAX_SIDE && g.cols() + cols <= Grid.MAX_SIDE;
        }

        public Optional<Grid> undo(Grid g) {
            if (g.rows() <= rows || g.cols() <= cols) {
                return Optional.empty();
            }
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    if ((r < rows || c < cols) && g.at(r, c) != 0) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(Grid.build(g.rows() - rows, g.cols() - cols, (r, c) -> g.at(r + rows, c + cols)));
        }

        public String name() {
            return "translate" + rows + "x" + cols;
        }
    }

    /** Every cell a {@code rowFactor} × {@code colFactor} block (×2 resolution, height or width). */
    record Upscale(int rowFactor, int colFactor) implements Transform {
        public Grid apply(Grid g) {
            return Grid.build(g.rows() * rowFactor, g.cols() * colFactor, (r, c) -> g.at(r / rowFactor, c / colFactor));
        }

        public boolean fits(Grid g) {
            return g.rows() * rowFactor <= Grid.MAX_SIDE && g.cols() * colFactor <= Grid.MAX_SIDE;
        }

        public Optional<Grid> undo(Grid g) {
            if (g.rows() % rowFactor != 0 || g.cols() % colFactor != 0) {
                return Optional.empty();
            }
            Grid small = Grid.build(g.rows() / rowFactor, g.cols() / colFactor, (r, c) -> g.at(r * rowFactor, c * colFactor));
            return apply(small).equals(g) ? Optional.of(small) : Optional.empty();
        }

        public String name() {
            return "up" + rowFactor + "x" + colFactor;
        }
    }

    /** The grid repeated {@code down} times downwards and {@code across} times across. */
    record Tile(int down, int across) implements Transform {
        public Grid apply(Grid g) {
            return Grid.build(g.rows() * down, g.cols() * across, (r, c) -> g.at(r % g.rows(), c % g.cols()));
        }

        public boolean fits(Grid g) {
            return g.rows() * down <= Grid.MAX_SIDE && g.cols() * across <= Grid.MAX_SIDE;
        }

        public Optional<Grid> undo(Grid g) {
            if (g.rows() % down != 0 || g.cols() % across != 0) {
                return Optional.empty();
            }
            Grid one = Grid.build(g.rows() / down, g.cols() / across, g::at);
            return apply(one).equals(g) ? Optional.of(one) : Optional.empty();
        }

        public String name() {
            return "tile" + down + "x" + across;
        }
    }

    /** Colour c becomes {@code colours[c]} (a permutation of 0–9). */
    record Recolour(int[] colours) implements Transform {
        public Recolour {
            colours = colours.clone();
            if (colours.length != Grid.COLOURS || Arrays.stream(colours).distinct().count() != Grid.COLOURS
                    || Arrays.stream(colours).anyMatch(c -> c < 0 || c >= Grid.COLOURS)) {
                throw new IllegalArgumentException("not a permutation of the 10 colours: " + Arrays.toString(colours));
            }
        }

        public Grid apply(Grid g) {
            return Grid.build(g.rows(), g.cols(), (r, c) -> colours[g.at(r, c)]);
        }

        public Optional<Grid> undo(Grid g) {
            int[] back = new int[Grid.COLOURS];
            for (int c = 0; c < Grid.COLOURS; c++) {
                back[colours[c]] = c;
            }
            return Optional.of(new Recolour(back).apply(g));
        }

        public String name() {
            return "recolour";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Recolour r && Arrays.equals(r.colours, colours);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(colours);
        }

        @Override
        public String toString() {
            return "Recolour" + Arrays.toString(colours);
        }
    }

    /** {@code first}, then {@code second}. */
    record Chain(Transform first, Transform second) implements Transform {
        public Grid apply(Grid g) {
            return second.apply(first.apply(g));
        }

        public boolean fits(Grid g) {
            return first.fits(g) && second.fits(first.apply(g));
        }

        public Optional<Grid> undo(Grid g) {
            return second.undo(g).flatMap(first::undo);
        }

        public String name() {
            return first.name() + "+" + second.name();
        }
    }
}
