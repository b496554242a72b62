package dev.seal4j.seal.eval;

/**
 * The judge's instructions: decide from the gold answer alone (no outside knowledge) whether a student answer
 * is right, allowing extra detail but not omissions or contradictions, and reply yes or no. Same criteria as
 * the SEAL paper's GPT-4.1 grader, in our own words.
 */
final class JudgePrompt {
    private static final String INSTRUCTIONS = """
            You are grading a student's answer to a question. Decide whether it is correct using only the \
            reference answer given below, not what you know yourself. The student may add details, but the answer \
            must convey everything the reference answer says and must not contradict it. Differences in wording, \
            style or length that leave the meaning intact do not matter.""";
    private static final String ASK =
            "Is the student answer correct according to the reference answer? Reply with one word: yes or no.";

    private JudgePrompt() {
    }

    static String render(String question, String prediction, String gold) {
        return INSTRUCTIONS + "\n\nQuestion: " + question.strip()
                + "\nReference answer: " + gold.strip()
                + "\nStudent answer: " + prediction.strip()
                + "\n\n" + ASK;
    }
}
