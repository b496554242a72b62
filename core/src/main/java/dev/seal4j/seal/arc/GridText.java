package dev.seal4j.seal.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grids and tasks as text, one token per cell for the tokenizers seal4j trains (digits are never merged):
 * <pre>
 *   input:
 *   012
 *   340
 *   output:
 *   11
 *   22
 *                      (a blank line ends each pair)
 * </pre>
 * A prompt for a test input ends with "output:\n"; the model's answer is the grid up to the next blank line.
 */
public final class GridText {
    public static final String INPUT = "input:\n";
    public static final String OUTPUT = "output:\n";
    /** What ends an answer: the blank line after a grid. */
    public static final String END = "\n\n";

    private GridText() {
    }

    /** One digit per cell, each row ending in a newline. */
    public static String grid(Grid g) {
        StringBuilder out = new StringBuilder(g.rows() * (g.cols() + 1));
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                out.append((char) ('0' + g.at(r, c)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A demonstration: input, output, blank line. */
    public static String pair(ArcPair p) {
        return INPUT + grid(p.input()) + OUTPUT + grid(p.output()) + "\n";
    }

    /** The demonstrations followed by a test input, up to where the answer starts. */
    public static String query(List<ArcPair> demonstrations, Grid input) {
        StringBuilder out = new StringBuilder();
        demonstrations.forEach(p -> out.append(pair(p)));
        return out.append(INPUT).append(grid(input)).append(OUTPUT).toString();
    }

    /** The grid a model answered: its lines up to the first blank one; empty when they are not a grid. */
    public static Optional<Grid> parse(String answer) {
        int end = answer.indexOf(END);
        String body = end >= 0 ? answer.substring(0, end) : answer;
        List<String> lines = new ArrayList<>(body.lines().toList());
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        if (lines.isEmpty() || lines.size() > Grid.MAX_SIDE) {
            return Optional.empty();
        }
        int cols = lines.getFirst().length();
        if (cols < 1 || cols > Grid.MAX_SIDE) {
            return Optional.empty();
        }
        byte[] cells = new byte[lines.size() * cols];
        for (int r = 0; r < lines.size(); r++) {
            String line = lines.get(r);
            if (line.length() != cols) {
                return Optional.empty();
            }
            for (int c = 0; c < cols; c++) {
                char ch = line.charAt(c);
                if (ch < '0' || ch > '9') {
                    return Optional.empty();
                }
                cells[r * cols + c] = (byte) (ch - '0');
            }
        }
        return Optional.of(Grid.of(lines.size(), cols, cells));
    }
}
