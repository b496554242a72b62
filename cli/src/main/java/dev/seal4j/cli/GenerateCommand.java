package dev.seal4j.cli;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.LoraAdapter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal generate}: continues a prompt and prints only the generated text, as it is generated. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Generate text from a prompt with a model.",
                "Prints only the generated text (not the prompt) to stdout as it is produced, then one newline. "
                        + "An empty prompt starts from the BOS token."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal generate --model stories260K.bin --tokenizer tok512.bin \\",
                "      --prompt \"\" --temperature 0 --max-tokens 60",
                "  seal generate --model Qwen2.5-0.5B-Instruct --chat \\",
                "      --prompt \"Name three rivers.\"",
                "  seal generate --model model.gguf --prompt-file prompt.txt \\",
                "      --stop \"\\n\\n\" --seed 7",
                "  seal generate --model base --adapter my-adapter --prompt \"Q: ...\" \\",
                "      --samples 5 --json"})
final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @ArgGroup(multiplicity = "1")
    PromptOptions prompt;

    static final class PromptOptions {
        @Option(names = "--prompt", paramLabel = "TEXT", required = true, description = "The prompt text.")
        String text;

        @Option(names = "--prompt-file", paramLabel = "FILE", required = true, description = "Read the prompt from a UTF-8 file.")
        Path file;

        String read() {
            return text != null ? text : Inputs.readText(file);
        }
    }

    @Option(names = "--chat", description = "Send the prompt as a user message through the model's chat template.")
    boolean chat;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--adapter", paramLabel = "DIR", description = "Apply a LoRA adapter (a PEFT directory).")
    Path adapterDir;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "1",
            description = "Number of continuations; with more than one, each is printed when all are done, "
                    + "after a line \"--- sample i ---\" (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--json", description = "Print one JSON line per sample instead of the bare text: "
            + "{\"sample\" (from 1, as in the text output), \"text\", \"tokens\" (how many), \"finish_reason\", \"prompt_ids\", \"token_ids\", "
            + "\"logprobs\"} — each generated token's log-probability under the model (log-softmax of its logits, "
            + "before temperature and other sampling settings), for comparing engines token by token.")
    boolean json;

    @Override
    public Integer call() {
        SamplingSettings settings = sampling.settings();
        Inputs.check(samples >= 1, "--samples must be >= 1, got " + samples);
        String text = prompt.read();
        PrintStream out = main.io().out();
        try (LoadedModel m = modelOptions.load(); Arena arena = Arena.ofShared()) {
            LoraAdapter adapter = adapterDir == null ? null : m.readAdapter(adapterDir, arena);
            int[] ids = chat ? ChatPrompt.encode(m.tokenizer, List.of(ChatPrompt.message("user", text)), "--chat")
                    : m.tokenizer.encodeWithSpecial(text);
            Generator generator = new Generator(m.model, m.tokenizer);
            if (samples == 1 && !json) {
                generator.generate(ids, settings, adapter, (i, delta) -> {
                    out.print(delta);
                    out.flush();
                });
                out.println();
                return 0;
            }
            List<Generator.Output> outputs = generator.generate(List.of(ids), samples, settings, adapter, null);
            for (int i = 0; i < outputs.size(); i++) {
                Generator.Output o = outputs.get(i);
                if (json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("sample", i + 1);
                    line.put("text", o.text());
                    line.put("tokens", o.tokens().length);
                    line.put("finish_reason", o.finishReason().name().toLowerCase(java.util.Locale.ROOT));
                    line.put("prompt_ids", ids);
                    line.put("token_ids", o.tokens());
                    line.put("logprobs", logprobs(o.logprobs()));
                    out.println(JsonLine.of(line));
                } else {
                    out.println("--- sample " + (i + 1) + " ---");
                    out.println(o.text());
                }
            }
            return 0;
        }
    }

    /** As JSON numbers; a probability that underflowed to 0 has no finite logarithm and is written as null. */
    private static List<Float> logprobs(float[] values) {
        List<Float> out = new java.util.ArrayList<>(values.length);
        for (float v : values) {
            out.add(Float.isFinite(v) ? v : null);
        }
        return out;
    }
}
