package dev.seal4j.seal.knowledge;

import dev.seal4j.engine.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SQuAD-style passages. Accepted layouts:
 * <ul>
 *   <li>a list of passages {@code [{title, context, questions: [{question, answer, kind?, attribute?,
 *       distractor?: {title, question, answer}}], teacher_implications?, completions?, prompt?}]} — the built-in
 *       world's export, the regrouped SQuAD (squad_val.json) and the SEAL repo's files with self-edits
 *       (base_val.json, gpt4_1_val.json). {@code teacher_implications} and {@code completions} are a string or a
 *       list of strings;</li>
 *   <li>official SQuAD v1.1 {@code {data: [{title, paragraphs: [{context, qas: [{question, answers: [{text}]}]}]}]}},
 *       one passage per paragraph, the first answer as gold.</li>
 * </ul>
 * Unknown members are ignored. Any malformed field is a {@link BadInputException} naming the file and the
 * field's path, e.g. {@code data.json: [12].questions[3].answer: expected a string, found the number 3}.
 */
public final class KnowledgeData {

    private KnowledgeData() {
    }

    /** The passages of a data file, in file order; never empty. */
    public static List<KnowledgePassage> read(Path file) {
        JsonCursor root = JsonCursor.read(file);
        List<KnowledgePassage> passages;
        if (root.isArray()) {
            passages = root.map(KnowledgeData::passage);
        } else if (root.isObject() && root.field("data").isArray()) {
            passages = officialSquad(root.field("data"));
        } else {
            throw root.bad("expected a list of passages [{title, context, questions}] or SQuAD's {data: [...]}");
        }
        if (passages.isEmpty()) {
            throw BadInputException.inFile(file, "holds no passages");
        }
        return passages;
    }

    /**
     * The passages of a data file that methods are scored on (evaluation and SEAL-training contexts): every
     * one must have a question, since a passage's score is the mean over its questions.
     */
    public static List<KnowledgePassage> readScored(Path file) {
        List<KnowledgePassage> passages = read(file);
        for (int i = 0; i < passages.size(); i++) {
            if (passages.get(i).questions().isEmpty()) {
                throw BadInputException.inFile(file, "passage " + i + " ('" + passages.get(i).title()
                        + "') has no questions; every passage a method is scored on needs at least one");
            }
        }
        return passages;
    }

    private static KnowledgePassage passage(JsonCursor entry) {
        entry.requireObject();
        return new KnowledgePassage(
                entry.field("title").string(false),
                entry.field("context").string(true),
                entry.field("questions").map(KnowledgeData::question),
                entry.field("teacher_implications").stringOrStrings(),
                entry.field("completions").stringOrStrings(),
                entry.field("prompt").optionalString());
    }

    private static KnowledgeQuestion question(JsonCursor entry) {
        entry.requireObject();
        JsonCursor distractor = entry.field("distractor");
        return new KnowledgeQuestion(
                entry.field("question").string(true),
                entry.field("answer").string(true),
                entry.field("kind").optionalString(),
                entry.field("attribute").optionalString(),
                distractor.isMissing() ? null : distractor(distractor.requireObject()));
    }

    private static KnowledgeQuestion.Distractor distractor(JsonCursor entry) {
        return new KnowledgeQuestion.Distractor(
                entry.field("title").string(false),
                entry.field("question").string(true),
                entry.field("answer").string(true));
    }

    private static List<KnowledgePassage> officialSquad(JsonCursor data) {
        List<KnowledgePassage> out = new ArrayList<>();
        for (JsonCursor article : data.elements()) {
            String title = article.requireObject().field("title").string(false);
            for (JsonCursor paragraph : article.field("paragraphs").elements()) {
                paragraph.requireObject();
                List<KnowledgeQuestion> questions = paragraph.field("qas").map(qa -> new KnowledgeQuestion(
                        qa.requireObject().field("question").string(true),
                        firstAnswer(qa.field("answers"))));
                out.add(new KnowledgePassage(title, paragraph.field("context").string(true), questions));
            }
        }
        return out;
    }

    private static String firstAnswer(JsonCursor answers) {
        List<JsonCursor> all = answers.elements();
        if (all.isEmpty()) {
            throw answers.bad("expected at least one answer");
        }
        return all.getFirst().requireObject().field("text").string(true);
    }
}
