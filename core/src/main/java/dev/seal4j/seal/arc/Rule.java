package dev.seal4j.seal.arc;

import java.util.ArrayList;
import java.util.List;

/**
 * A primitive rule of the built-in grid world, a function of grids with its parameters drawn per task
 * ({@link Primitive} names the kinds): geometry, colour maps, gravity, moves, tilings, scaling, cropping,
 * mirroring, line drawing, recolouring by object size. A task's rule is one primitive or two in sequence.
 */
public sealed interface Rule {
    Grid apply(Grid g);

    /** A rotation, flip or reflection. */
    record Geometry(Transform transform) implements Rule {
        public Grid apply(Grid g) {
            return transform.apply(g);
        }
    }

    /** Colour {@code from[i]} becomes {@code to[i]}; other colours stay. */
    record ColourMap(int[] from, int[] to) implements Rule {
        public Grid apply(Grid g) {
            return Grid.build(g.rows(), g.cols(), (r, c) -> {
                int v = g.at(r, c);
                for (int i = 0; i < from.length; i++) {
                    if (from[i] == v) {
                        return to[i];
                    }
                }
                return v;
            });
        }
    }

    /** Every coloured cell falls as far as it can towards one side ({@code dr}, {@code dc}: one is ±1). */
    record Gravity(int dr, int dc) implements Rule {
        public Grid apply(Grid g) {
            byte[] out = new byte[g.rows() * g.cols()];
            boolean vertical = dr != 0;
            int lines = vertical ? g.cols() : g.rows();
            int length = vertical ? g.rows() : g.cols();
            for (int line = 0; line < lines; line++) {
                List<Integer> colours = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    int v = vertical ? g.at(i, line) : g.at(line, i);
                    if (v != 0) {
                        colours.add(v);
                    }
                }
                boolean towardsEnd = (vertical ? dr : dc) > 0;
                for (int i = 0; i < colours.size(); i++) {
                    int pos = towardsEnd ? length - colours.size() + i : i;
                    int r = vertical ? pos : line, c = vertical ? line : pos;
                    out[r * g.cols() + c] = (byte) (int) colours.get(i);
                }
            }
            return Grid.of(g.rows(), g.cols(), out);
        }
    }

    /** The content moved by ({@code dr}, {@code dc}), wrapping around the edges. */
    record Shift(int dr, int dc) implements Rule {
        public Grid apply(Grid g) {
            return Grid.build(g.rows(), g.cols(), (r, c) -> g.at(Math.floorMod(r - dr, g.rows()), Math.floorMod(c - dc, g.cols())));
        }
    }

    /** The grid repeated {@code down} × {@code across} times. */
    record Tile(int down, int across) implements Rule {
        public Grid apply(Grid g) {
            return new Transform.Tile(down, across).apply(g);
        }


    }

    /** Every cell a 2 × 2 block. */
    record Upscale() implements Rule {
        public Grid apply(Grid g) {
            return new Transform.Upscale(2, 2).apply(g);
        }


    }

    /** The bounding box of the coloured cells (the whole grid when there are none). */
    record Crop() implements Rule {
        public Grid apply(Grid g) {
            int top = g.rows(), bottom = -1, left = g.cols(), right = -1;
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    if (g.at(r, c) != 0) {
                        top = Math.min(top, r);
                        bottom = Math.max(bottom, r);
                        left = Math.min(left, c);
                        right = Math.max(right, c);
                    }
                }
            }
            if (bottom < 0) {
                return g;
            }
            int t = top, l = left;
            return Grid.build(bottom - top + 1, right - left + 1, (r, c) -> g.at(t + r, l + c));
        }
    }

    /** The grid and its mirror image side by side ({@code across}) or one above the other. */
    record Mirror(boolean across) implements Rule {
        public Grid apply(Grid g) {
            return across ? Grid.build(g.rows(), 2 * g.cols(), (r, c) -> c < g.cols() ? g.at(r, c) : g.at(r, 2 * g.cols() - 1 - c))
                    : Grid.build(2 * g.rows(), g.cols(), (r, c) -> r < g.rows() ? g.at(r, c) : g.at(2 * g.rows() - 1 - r, c));
        }


    }

    /** Every coloured cell draws a line of its colour towards one side ({@code dr}, {@code dc}), over background only. */
    record Lines(int dr, int dc) implements Rule {
        public Grid apply(Grid g) {
            byte[] out = g.cells();
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.cols(); c++) {
                    int v = g.at(r, c);
                    if (v == 0) {
                        continue;
                    }
                    for (int rr = r + dr, cc = c + dc; rr >= 0 && cc >= 0 && rr < g.rows() && cc < g.cols(); rr += dr, cc += dc) {
                        if (g.at(rr, cc) != 0) {
                            break;
                        }
                        if (out[rr * g.cols() + cc] == 0) {
                            out[rr * g.cols() + cc] = (byte) v;
                        }
                    }
                }
            }
            return Grid.of(g.rows(), g.cols(), out);
        }
    }

    /** Objects (4-connected cells of one colour) of at least {@code size} cells become {@code colour}. */
    record SizeColour(int size, int colour) implements Rule {
        public Grid apply(Grid g) {
            byte[] out = g.cells();
            boolean[] seen = new boolean[out.length];
            for (int start = 0; start < out.length; start++) {
                if (seen[start] || g.at(start / g.cols(), start % g.cols()) == 0) {
                    continue;
                }
                int v = g.at(start / g.cols(), start % g.cols());
                List<Integer> object = new ArrayList<>(List.of(start));
                seen[start] = true;
                for (int i = 0; i < object.size(); i++) {
                    int r = object.get(i) / g.cols(), c = object.get(i) % g.cols();
                    int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
                    for (int[] s : steps) {
                        int rr = r + s[0], cc = c + s[1];
                        if (rr >= 0 && cc >= 0 && rr < g.rows() && cc < g.cols() && !seen[rr * g.cols() + cc] && g.at(rr, cc) == v) {
                            seen[rr * g.cols() + cc] = true;
                            object.add(rr * g.cols() + cc);
                        }
                    }
                }
                if (object.size() >= size) {
                    object.forEach(i -> out[i] = (byte) colour);
                }
            }
            return Grid.of(g.rows(), g.cols(), out);
        }
    }
}
