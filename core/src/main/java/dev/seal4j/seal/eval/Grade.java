package dev.seal4j.seal.eval;

/**
 * The verdict on one answer.
 *
 * @param correct whether the answer counts as right
 * @param score   how right, in [0, 1] (1 or 0 for yes/no graders, the token F1 for the F1 grader)
 */
public record Grade(boolean correct, double score) {
    public static final Grade RIGHT = new Grade(true, 1);
    public static final Grade WRONG = new Grade(false, 0);

    public Grade {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("a grade's score must be in [0, 1]: " + score);
        }
    }

    /** 1 for right, 0 for wrong. */
    public static Grade of(boolean correct) {
        return correct ? RIGHT : WRONG;
    }
}
