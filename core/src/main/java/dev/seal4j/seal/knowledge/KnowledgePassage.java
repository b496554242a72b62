package dev.seal4j.seal.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * A passage to incorporate and the questions that test whether it was.
 *
 * @param title               the passage title (prefixes every training sequence and the QA prompt)
 * @param context             the passage text
 * @param questions           questions about it, answered without the passage in the prompt
 * @param teacherImplications self-edits written by a teacher (the built-in world's ground truth, or an external
 *                            model's such as GPT-4.1); empty when the data has none
 * @param completions         precomputed self-edits (e.g. the base model's five per passage in the SEAL paper's
 *                            base_val.json); empty when the data has none
 * @param prompt              the prompt those completions were generated from; null when absent
 */
public record KnowledgePassage(String title, String context, List<KnowledgeQuestion> questions,
                               List<String> teacherImplications, List<String> completions, String prompt) {

    public KnowledgePassage {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(context, "context");
        questions = List.copyOf(questions);
        teacherImplications = List.copyOf(teacherImplications);
        completions = List.copyOf(completions);
    }

    /** A passage with questions only. */
    public KnowledgePassage(String title, String context, List<KnowledgeQuestion> questions) {
        this(title, context, questions, List.of(), List.of(), null);
    }

    /** The passage as one training sequence: its title, a newline, its text. */
    public String sequence() {
        return title + "\n" + context;
    }

    /** This passage with other teacher self-edits (e.g. from an external synthetic-data file). */
    public KnowledgePassage withTeacherImplications(List<String> implications) {
        return new KnowledgePassage(title, context, questions, implications, completions, prompt);
    }
}
