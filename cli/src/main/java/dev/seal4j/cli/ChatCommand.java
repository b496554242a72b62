package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.LoraAdapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seal chat}: a conversation with the model through its chat template. Reads one user message per line
 * from stdin (so it can be scripted), prints each reply on stdout followed by a newline, and keeps the
 * conversation until /reset; /exit or the end of input ends it.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Chat with a model through its chat template.",
                "Each line read from stdin is a user message; the reply is printed to stdout as it is generated, "
                        + "then a newline. The conversation is kept: /reset starts over (keeping --system), "
                        + "/exit (or the end of input) quits. Each turn samples with --seed plus the turn number."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal chat --model Qwen2.5-0.5B-Instruct --system \"You are terse.\"",
                "  printf 'Hi!\\nWhat did I just say?\\n' | \\",
                "      seal chat --model Qwen2.5-0.5B-Instruct --temperature 0"})
final class ChatCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message that starts the conversation.")
    String system;

    @Option(names = "--adapter", paramLabel = "DIR", description = "Apply a LoRA adapter (a PEFT directory).")
    Path adapterDir;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() {
        SamplingSettings settings = sampling.settings();
        PrintStream out = main.io().out();
        PrintStream err = main.io().err();
        try (LoadedModel m = modelOptions.load(); Arena arena = Arena.ofShared()) {
            LoraAdapter adapter = adapterDir == null ? null : m.readAdapter(adapterDir, arena);
            ChatPrompt.template(m.tokenizer, "seal chat"); // no template: fail before reading anything
            Generator generator = new Generator(m.model, m.tokenizer);
            List<Map<String, String>> messages = new ArrayList<>();
            reset(messages);
            BufferedReader in = new BufferedReader(new InputStreamReader(main.io().in(), StandardCharsets.UTF_8));
            for (int turn = 0; ; ) {
                if (main.io().interactive()) {
                    err.print("> ");
                    err.flush();
                }
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit") || line.strip().equals("/quit")) {
                    return 0;
                }
                if (line.strip().equals("/reset")) {
                    reset(messages);
                    err.println("(conversation reset)");
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                messages.add(ChatPrompt.message("user", line));
                int[] ids = ChatPrompt.encode(m.tokenizer, messages, "seal chat");
                Generator.Output reply;
                try {
                    reply = generator.generate(ids, settings.withSeed(settings.seed() + turn), adapter, (i, delta) -> {
                        out.print(delta);
                        out.flush();
                    });
                } catch (BadInputException e) {
                    messages.removeLast();
                    err.println("seal: " + e.getMessage() + "; /reset to start a new conversation");
                    continue;
                }
                out.println();
                out.flush();
                messages.add(ChatPrompt.message("assistant", reply.text()));
                turn++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin: " + e.getMessage(), e);
        }
    }

    private void reset(List<Map<String, String>> messages) {
        messages.clear();
        if (system != null) {
            messages.add(ChatPrompt.message("system", system));
        }
    }
}
