package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.train.Example;
import dev.seal4j.engine.train.ExampleEncoder;
import dev.seal4j.engine.train.TrainingData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The examples of a fine-tuning run: every non-blank line of a JSONL file parsed ({@link TrainingData#parse})
 * and tokenized, errors naming file:line. Examples longer than the limit are cut to it (with a warning) or
 * refused.
 */
record TrainingSet(List<Example> examples) {
    /** Lines named in the truncation warning. */
    private static final int LINES_NAMED = 5;

    /** What to do with an example longer than the limit. */
    enum OnLong { TRUNCATE, ERROR }

    /**
     * @param limit      the most tokens an example may have
     * @param limitName  what sets the limit, for messages ("--max-seq-len 128", "the model's context length 512")
     */
    static TrainingSet read(Path file, ExampleEncoder encoder, int limit, String limitName, OnLong onLong, PrintStream err) {
        Inputs.existingFile(file);
        List<Example> examples = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int number = 1; (line = in.readLine()) != null; number++) {
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number;
                Example e = encode(encoder, line, where);
                if (e.length() > limit) {
                    if (onLong == OnLong.ERROR) {
                        throw new BadInputException(where + ": the record is " + e.length() + " tokens long, more than "
                                + limitName + " (use --on-long truncate to cut it)");
                    }
                    truncated.add(where);
                    e = e.truncate(limit);
                }
                examples.add(e);
            }
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (examples.isEmpty()) {
            throw new BadInputException(file + ": no training records");
        }
        if (!truncated.isEmpty()) {
            err.println("seal: warning: " + truncated.size() + " record(s) longer than " + limitName + " were truncated: "
                    + String.join(", ", truncated.subList(0, Math.min(LINES_NAMED, truncated.size())))
                    + (truncated.size() > LINES_NAMED ? ", ..." : ""));
        }
        if (examples.stream().mapToInt(Example::predicted).sum() == 0) {
            throw new BadInputException(file + ": no record has a token to train on (all are too short or cut before "
                    + "their completion)");
        }
        return new TrainingSet(List.copyOf(examples));
    }

    private static Example encode(ExampleEncoder encoder, String line, String where) {
        try {
            return encoder.encode(TrainingData.parse(line, where));
        } catch (BadInputException e) {
            throw e.getMessage().startsWith(where) ? e : new BadInputException(where + ": " + e.getMessage(), e);
        }
    }

    /** The longest example. */
    int maxSeqLen() {
        return examples.stream().mapToInt(Example::length).max().orElseThrow();
    }

    /** The most token rows a micro-batch of {@code batchSize} examples can have: the longest ones together. */
    int maxRows(int batchSize) {
        return examples.stream().map(Example::length).sorted(Comparator.reverseOrder()).limit(batchSize)
                .mapToInt(Integer::intValue).sum();
    }
}
