package dev.seal4j.seal.world;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.JsonProblem;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in world as SQuAD-style JSON, so that it and real datasets go through the same SEAL code:
 * {@code [{title, context, questions: [{question, answer, kind, attribute, distractor: {title, question,
 * answer}}], teacher_implications}]}, one entry per person of a split, with their canonical passage.
 */
public final class WorldExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WorldExport() {
    }

    /** The export of one population. */
    public static List<ExportedPassage> passages(World world, Population population) {
        PassageWriter writer = new PassageWriter(world);
        TeacherImplications teacher = new TeacherImplications(world);
        List<ExportedPassage> out = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            Person person = population.get(i);
            Passage passage = writer.canonical(person);
            List<ExportedQuestion> questions = new ArrayList<>();
            for (Question question : QuestionBank.questionsFor(person, world)) {
                questions.add(new ExportedQuestion(question.question(), question.answer(), question.kind().jsonName(),
                        question.attribute().jsonName(), distractor(world, population, i, question)));
            }
            out.add(new ExportedPassage(passage.title(), passage.context(), questions, teacher.completion(person)));
        }
        return out;
    }

    /** A random other person of the population whose answer to the same question differs (fixed by the person). */
    private static Distractor distractor(World world, Population population, int index, Question question) {
        Person person = population.get(index);
        Rng rng = Rng.of(world.seed(), Rng.hash(person.name()), question.attribute().ordinal(), 0xD15);
        for (int attempt = 0; attempt < 4 * population.size(); attempt++) {
            int other = attempt < 64 ? rng.nextInt(population.size()) : attempt % population.size();
            Person candidate = population.get(other);
            String answer = question.attribute().valueOf(candidate, world);
            if (other != index && !answer.equals(question.answer())) {
                return new Distractor(candidate.name(), question.question().replace(person.name(), candidate.name()), answer);
            }
        }
        return null;
    }

    /** Writes the export atomically (temporary file, fsync, rename). */
    public static void write(List<ExportedPassage> passages, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, JSON.writeValueAsBytes(passages));
    }

    /** Reads an export back. */
    public static List<ExportedPassage> read(Path file) {
        try {
            return JSON.readValue(file.toFile(), new TypeReference<>() {
            });
        } catch (JacksonException e) {
            throw BadInputException.inFile(file, "not a world export: " + JsonProblem.describe(e), e);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
