package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.generate.Scorer;
import dev.seal4j.engine.model.LoraAdapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seal perplexity}: t = the tokenizer's encoding of the file with the special tokens its post-processor
 * adds; mean_nll = mean over i = 1..N−1 of −ln p(t_i | t_<i); perplexity = exp(mean_nll).
 */
@Command(name = "perplexity", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Score a text file: mean negative log-likelihood per token and perplexity.",
                "The file is tokenized with the special tokens the tokenizer adds (e.g. BOS); every token after the "
                        + "first is predicted from all before it (texts longer than the context are scored in "
                        + "overlapping windows)."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal perplexity --model stories260K.bin --tokenizer tok512.bin \\",
                "      --file story.txt",
                "  seal perplexity --model base --adapter my-adapter --file passage.txt --json",
                "    {\"tokens\": 812, \"mean_nll\": 2.0412, \"perplexity\": 7.699}"})
final class PerplexityCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The UTF-8 text to score.")
    Path file;

    @Option(names = "--adapter", paramLabel = "DIR", description = "Score with a LoRA adapter (a PEFT directory) applied.")
    Path adapterDir;

    @Option(names = "--json", description = "Print one line {\"tokens\": N, \"mean_nll\": x, \"perplexity\": y}.")
    boolean json;

    @Override
    public Integer call() {
        String text = Inputs.readText(file);
        try (LoadedModel m = modelOptions.load(); Arena arena = Arena.ofShared()) {
            LoraAdapter adapter = adapterDir == null ? null : m.readAdapter(adapterDir, arena);
            int[] ids = m.tokenizer.encodeWithSpecial(text);
            if (ids.length < 2) {
                throw new BadInputException(file + ": is " + ids.length + " token(s) long; scoring needs at least 2");
            }
            Scorer.Perplexity p = new Scorer(m.model).perplexity(ids, adapter);
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("tokens", p.tokens());
                line.put("mean_nll", p.meanNll());
                line.put("perplexity", p.perplexity());
                main.io().out().println(JsonLine.of(line));
            } else {
                main.io().out().printf("%s: %d tokens, mean negative log-likelihood %.4f nats/token, perplexity %.4f%n",
                        file, p.tokens(), p.meanNll(), p.perplexity());
            }
            return 0;
        }
    }
}
