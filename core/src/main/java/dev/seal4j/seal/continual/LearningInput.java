package dev.seal4j.seal.continual;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.seal4j.engine.BadInputException;

import java.util.List;

/**
 * Something the model should learn: new knowledge (a document) or a trusted correction of an answer
 * (feedback). Each becomes a titled passage for self-edits and, when it carries them, labelled probes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = LearningInput.Document.class, name = "document"),
        @JsonSubTypes.Type(value = LearningInput.Feedback.class, name = "feedback")})
public sealed interface LearningInput {
    /** The passage's title (the probes' topic). */
    @JsonIgnore
    String passageTitle();

    /** The passage the self-edits are written about. */
    @JsonIgnore
    String passage();

    /** Questions with known answers that come with the input (may be empty). */
    @JsonIgnore
    List<Probe> labelledProbes();

    /** "document" or "feedback". */
    @JsonIgnore
    String kind();

    /**
     * New knowledge.
     *
     * @param title     optional; "Document" when absent
     * @param source    optional provenance (a URL, a file name)
     * @param questions optional labelled questions (their {@code title} is ignored: the document's is used)
     */
    record Document(String title, String text, String source, List<Probe> questions) implements LearningInput {
        public Document {
            if (text == null || text.isBlank()) {
                throw new BadInputException("document: 'text' is missing or empty");
            }
            title = title == null || title.isBlank() ? "Document" : title.strip();
            questions = questions == null ? List.of() : List.copyOf(questions);
        }

        @Override
        public String passageTitle() {
            return title;
        }

        @Override
        public String passage() {
            return text.strip();
        }

        @Override
        public List<Probe> labelledProbes() {
            return questions.stream().map(q -> new Probe(title, q.question(), q.answer())).toList();
        }

        @Override
        public String kind() {
            return "document";
        }
    }

    /**
     * A correction from a trusted source: the model answered {@code answer} to {@code question}, the right
     * answer is {@code correction}.
     *
     * @param topic optional; "Feedback" when absent
     */
    record Feedback(String question, String answer, String correction, String topic, String source)
            implements LearningInput {
        public Feedback {
            if (question == null || question.isBlank()) {
                throw new BadInputException("feedback: 'question' is missing or empty");
            }
            if (correction == null || correction.isBlank()) {
                throw new BadInputException("feedback: 'correction' is missing or empty");
            }
            topic = topic == null || topic.isBlank() ? "Feedback" : topic.strip();
        }

        @Override
        public String passageTitle() {
            return topic;
        }

        @Override
        public String passage() {
            return "Question: " + question.strip() + "\nAnswer: " + correction.strip();
        }

        @Override
        public List<Probe> labelledProbes() {
            return List.of(new Probe(topic, question.strip(), correction.strip()));
        }

        @Override
        public String kind() {
            return "feedback";
        }
    }
}
