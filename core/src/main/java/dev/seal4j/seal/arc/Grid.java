package dev.seal4j.seal.arc;

import dev.seal4j.engine.BadInputException;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * An ARC grid: rows × cols cells, each a colour 0–9 (0 is usually the background), at most 30 × 30.
 * Immutable; cells row by row.
 */
public final class Grid implements Serializable {
    public static final int MAX_SIDE = 30;
    public static final int COLOURS = 10;

    private final int rows;
    private final int cols;
    private final byte[] cells; // (rows, cols)

    private Grid(int rows, int cols, byte[] cells) {
        this.rows = rows;
        this.cols = cols;
        this.cells = cells;
    }

    /** A grid of the given cells (copied), checked. */
    public static Grid of(int rows, int cols, byte[] cells) {
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new BadInputException("a grid is 1 to " + MAX_SIDE + " cells on each side, got " + rows + " × " + cols);
        }
        if (cells.length != rows * cols) {
            throw new IllegalArgumentException(cells.length + " cells for a " + rows + " × " + cols + " grid");
        }
        for (byte c : cells) {
            if (c < 0 || c >= COLOURS) {
                throw new BadInputException("a grid cell is a colour 0 to 9, got " + c);
            }
        }
        return new Grid(rows, cols, cells.clone());
    }

    /** A grid from rows of colours (as ARC JSON holds them); every row as long as the first. */
    public static Grid of(List<List<Integer>> rows) {
        if (rows.isEmpty() || rows.getFirst().isEmpty()) {
            throw new BadInputException("a grid needs at least one row and one column");
        }
        int cols = rows.getFirst().size();
        byte[] cells = new byte[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            List<Integer> row = rows.get(r);
            if (row.size() != cols) {
                throw new BadInputException("row " + r + " has " + row.size() + " cells, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                Integer v = row.get(c);
                if (v == null || v < 0 || v >= COLOURS) {
                    throw new BadInputException("row " + r + ", column " + c + ": a cell is a colour 0 to 9, got " + v);
                }
                cells[r * cols + c] = (byte) (int) v;
            }
        }
        return of(rows.size(), cols, cells);
    }

    /** An all-{@code colour} grid. */
    public static Grid filled(int rows, int cols, int colour) {
        byte[] cells = new byte[rows * cols];
        Arrays.fill(cells, (byte) colour);
        return of(rows, cols, cells);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int at(int r, int c) {
        return cells[r * cols + c];
    }

    /** The cells, row by row (a copy). */
    public byte[] cells() {
        return cells.clone();
    }

    /** The rows as lists of colours (ARC JSON's form). */
    public List<List<Integer>> toRows() {
        Integer[][] out = new Integer[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = (int) cells[r * cols + c];
            }
        }
        return Arrays.stream(out).map(List::of).toList();
    }

    /** A grid built cell by cell. */
    public interface CellFunction {
        int colour(int r, int c);
    }

    public static Grid build(int rows, int cols, CellFunction f) {
        byte[] cells = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                cells[r * cols + c] = (byte) f.colour(r, c);
            }
        }
        return of(rows, cols, cells);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.rows == rows && g.cols == cols && Arrays.equals(g.cells, cells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(cells);
    }

    /** The text form: one digit per cell, each row ending in a newline. */
    @Override
    public String toString() {
        return GridText.grid(this);
    }
}
