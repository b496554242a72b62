package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.tokenizer.Tokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code seal tokenize}: token ids of a text (no special tokens added), one text or a JSONL file of them. */
@Command(name = "tokenize", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Print the token ids of a text (no special tokens are added).",
                "With --jsonl, reads lines {\"text\": ...} and writes one line {\"ids\": [...]} for each (blank lines are "
                        + "skipped)."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal tokenize --tokenizer Qwen2.5-0.5B/tokenizer.json --text \"Hello world\"",
                "    9707 1879",
                "  seal tokenize --tokenizer tok512.bin --text \"Once upon a time\" --json",
                "  seal tokenize --tokenizer model.gguf --jsonl texts.jsonl > ids.jsonl"})
final class TokenizeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--tokenizer", required = true, paramLabel = "PATH",
            description = "A tokenizer.json, a model directory, a llama2.c tokenizer.bin, or a .gguf.")
    Path tokenizerPath;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--text", required = true, paramLabel = "T", description = "The text to tokenize.")
        String text;

        @Option(names = "--jsonl", required = true, paramLabel = "IN", description = "A JSONL file of {\"text\": ...} lines.")
        Path jsonl;
    }

    @Option(names = "--json", description = "Print {\"ids\": [...]} instead of ids separated by spaces (always so with --jsonl).")
    boolean json;

    @Override
    public Integer call() {
        Tokenizer tokenizer = TokenizerSource.of(tokenizerPath).load();
        PrintStream out = main.io().out();
        if (input.text != null) {
            int[] ids = tokenizer.encode(input.text);
            out.println(json ? idsLine(ids) : Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
            return 0;
        }
        Path file = Inputs.existing(input.jsonl);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int number = 1; (line = in.readLine()) != null; number++) {
                if (!line.isBlank()) {
                    out.println(idsLine(tokenizer.encode(text(line, file + ":" + number))));
                }
            }
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private static String idsLine(int[] ids) {
        return JsonLine.of(Map.of("ids", ids));
    }

    private static String text(String line, String where) {
        JsonNode node;
        try {
            node = JsonLine.JSON.readTree(line);
        } catch (IOException e) {
            throw new BadInputException(where + ": invalid JSON");
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual()) {
            throw new BadInputException(where + ": expected an object with a string field 'text'");
        }
        return node.get("text").textValue();
    }
}
