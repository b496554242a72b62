package dev.seal4j.seal.world;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One passage of a SQuAD-style export: {@code {title, context, questions, teacher_implications}}.
 *
 * @param teacherImplications the ground-truth self-edit, a numbered list in the implications format
 */
public record ExportedPassage(String title, String context, List<ExportedQuestion> questions,
                              @JsonProperty("teacher_implications") String teacherImplications) {
}
