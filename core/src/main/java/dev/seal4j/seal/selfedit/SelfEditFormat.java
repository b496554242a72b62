package dev.seal4j.seal.selfedit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A self-edit format: the prompt that asks the model for a self-edit, and how its completion becomes training
 * sequences. The built-in prompts are the SEAL paper's (knowledge incorporation, base-model templates).
 *
 * <p>A template holds the placeholders {@code {title}} and {@code {context}}. If its last line is unfinished
 * (self-QA ends in "Question 1: "), that text is the start of the completion, and the parser puts it back in
 * front of the completion before cutting it.
 *
 * @param name     the name used on the command line and in run records (a format is recorded by its name)
 * @param template the prompt with {@code {title}} and {@code {context}} placeholders
 * @param mode     how the completion is cut into sequences
 */
public record SelfEditFormat(@JsonValue String name, String template, ParseMode mode) {
    private static final String TITLE = "{title}";
    private static final String CONTEXT = "{context}";

    /** "Let's read the following passage and produce a list of implications ..." — the paper's default. */
    public static final SelfEditFormat IMPLICATIONS = implications("implications", "a list");
    public static final SelfEditFormat IMPLICATIONS_LONG = implications("implications-long", "a long list");
    public static final SelfEditFormat IMPLICATIONS_VERY_LONG = implications("implications-very-long", "a very long list");
    public static final SelfEditFormat REWRITE = new SelfEditFormat("rewrite",
            "Let's read the following passage and rewrite it in a few different ways, each one separated by a newline."
                    + "\n\nPassage:\n{title}\n{context}\n\nRewritten passages:\n",
            ParseMode.LINES);
    public static final SelfEditFormat SELF_QA = new SelfEditFormat("self-qa",
            "Let's read the following passage and rewrite it in a question-answer format."
                    + "\n\nPassage:\n{title}\n{context}\n\nQuestion 1: ",
            ParseMode.QA_PAIRS);

    public SelfEditFormat {
        if (!template.contains(CONTEXT)) {
            throw new BadInputException("self-edit format '" + name + "': the template has no {context} placeholder");
        }
    }

    private static SelfEditFormat implications(String name, String howMany) {
        return new SelfEditFormat(name,
                "Let's read the following passage and produce " + howMany
                        + " of implications derived directly or indirectly from the content."
                        + "\n\nPassage:\n{title}\n{context}\n\nImplications:\n",
                ParseMode.LINES);
    }

    /** The built-in formats, default first. */
    public static List<SelfEditFormat> builtIns() {
        return List.of(IMPLICATIONS, IMPLICATIONS_LONG, IMPLICATIONS_VERY_LONG, REWRITE, SELF_QA);
    }

    /** A built-in format by name (implications, implications-long, implications-very-long, rewrite, self-qa). */
    @JsonCreator
    public static SelfEditFormat named(String name) {
        return builtIns().stream().filter(format -> format.name.equals(name)).findFirst().orElseThrow(() ->
                new BadInputException("unknown self-edit format '" + name + "' (known: "
                        + builtIns().stream().map(SelfEditFormat::name).collect(Collectors.joining(", "))
                        + ", or a template file)"));
    }

    /** A user-supplied template file (UTF-8, with {title} and {context}); named after the file. */
    public static SelfEditFormat fromTemplateFile(Path file, ParseMode mode) {
        String template;
        try {
            template = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw BadInputException.inFile(file, "the self-edit template is not valid UTF-8", e);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read the self-edit template: " + e.getMessage(), e);
        }
        if (!template.contains(CONTEXT)) {
            throw BadInputException.inFile(file, "the self-edit template has no {context} placeholder for the passage");
        }
        return new SelfEditFormat(file.getFileName().toString(), template, mode);
    }

    /** The prompt for one passage: the template with {title} and {context} filled in (in one pass). */
    public String prompt(String title, String context) {
        StringBuilder out = new StringBuilder(template.length() + title.length() + context.length());
        int at = 0;
        while (at < template.length()) {
            if (template.startsWith(TITLE, at)) {
                out.append(title);
                at += TITLE.length();
            } else if (template.startsWith(CONTEXT, at)) {
                out.append(context);
                at += CONTEXT.length();
            } else {
                out.append(template.charAt(at++));
            }
        }
        return out.toString();
    }

    /** The unfinished last line of the template, which the completion continues ("Question 1: " for self-QA). */
    public String completionLead() {
        return template.substring(template.lastIndexOf('\n') + 1);
    }

    /**
     * The training sequences of a completion: each text prefixed with "{title}\n", the passage appended as the
     * last sequence. A completion with no usable text gives only the passage sequence, flagged.
     */
    public ParsedSelfEdit parse(String title, String context, String completion) {
        List<String> sequences = new ArrayList<>();
        if (SelfEditParser.hasContent(completion)) {
            String lead = completionLead();
            boolean continuesLead = !lead.isBlank() && !completion.stripLeading().startsWith(lead.strip());
            for (String text : SelfEditParser.texts(continuesLead ? lead + completion : completion, mode)) {
                sequences.add(title + "\n" + text);
            }
        }
        boolean nothing = sequences.isEmpty();
        sequences.add(title + "\n" + context.strip());
        return new ParsedSelfEdit(sequences, nothing);
    }
}
