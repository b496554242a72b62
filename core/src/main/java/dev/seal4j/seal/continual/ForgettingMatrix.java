package dev.seal4j.seal.continual;

/**
 * The sequential-update forgetting matrix, as in the SEAL paper's continual experiment: row 0 is the model
 * before any update (every passage), row i (1..n) is the model after updates on passages 1..i, evaluated on
 * passages 1..i (0 where not evaluated). Means and standard deviations over the sequences.
 *
 * @param mean      (n+1, n) accuracy
 * @param std       (n+1, n) standard deviation over sequences
 * @param sequences how many random passage orders were run
 * @param accepted  (n) in how many sequences step i's update was applied (all of them without gates)
 */
public record ForgettingMatrix(double[][] mean, double[][] std, int sequences, int[] accepted) {

    /** The first passage's accuracy right after its own update (paper: 38.3%). */
    public double firstAfterOwnUpdate() {
        return mean[1][0];
    }

    /** The first passage's accuracy after all updates (paper: 18.9% after 8). */
    public double firstAfterAll() {
        return mean[mean.length - 1][0];
    }

    /** Per-sequence matrices (s, n+1, n) reduced to mean and standard deviation. */
    static ForgettingMatrix of(double[][][] runs, int[] accepted) {
        int rows = runs[0].length, cols = runs[0][0].length;
        double[][] mean = new double[rows][cols], std = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0, sq = 0;
                for (double[][] run : runs) {
                    sum += run[r][c];
                }
                double m = sum / runs.length;
                for (double[][] run : runs) {
                    sq += (run[r][c] - m) * (run[r][c] - m);
                }
                mean[r][c] = m;
                std[r][c] = Math.sqrt(sq / runs.length);
            }
        }
        return new ForgettingMatrix(mean, std, runs.length, accepted);
    }
}
