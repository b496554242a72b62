package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.OneLine;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code seal inspect}: what a model file holds, without running it. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Describe a model: architecture, parameter count, dtypes, context length, shape, RoPE, "
                + "tokenizer and file size."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal inspect --model Qwen2.5-0.5B-Instruct",
                "  seal inspect --model stories260K.bin --tokenizer tok512.bin --json"})
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A Hugging Face model directory, a .gguf file, or a llama2.c .bin checkpoint.")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "Describe this tokenizer instead of the model's own.")
    Path tokenizer;

    @Option(names = "--json", description = "Print one JSON object on one line.")
    boolean json;

    @Override
    public Integer call() {
        Inputs.existing(model);
        ModelFormat format = ModelFormat.of(model);
        Map<String, Object> info = new LinkedHashMap<>();
        try (Checkpoint ck = Checkpoints.open(model)) {
            ModelConfig c = ck.config();
            info.put("model", model.toString());
            info.put("format", format.description);
            info.put("architecture", c.architecture());
            info.put("parameters", ck.tensors().values().stream().mapToLong(Tensor::size).sum());
            info.put("dtypes", dtypes(ck));
            info.put("file_bytes", fileBytes(model));
            info.put("context_length", c.contextLength());
            info.put("num_layers", c.numLayers());
            info.put("num_heads", c.numHeads());
            info.put("num_kv_heads", c.numKvHeads());
            info.put("head_dim", c.headDim());
            info.put("hidden_size", c.hiddenSize());
            info.put("intermediate_size", c.intermediateSize());
            info.put("vocab_size", c.vocabSize());
            info.put("rope", rope(c));
            info.put("rms_norm_eps", decimal(c.rmsNormEps()));
            info.put("tied_embeddings", c.tieWordEmbeddings());
            info.put("attention_bias", c.attentionBias());
            info.put("qk_norm", c.qkNorm());
            info.put("bos_token_id", c.bosTokenId());
            info.put("eos_token_ids", c.eosTokenIds());
            info.put("tokenizer", tokenizer(format));
        }
        PrintStream out = main.io().out();
        if (json) {
            out.println(JsonLine.of(info));
        } else {
            info.forEach((k, v) -> out.println(k.replace('_', ' ') + ": " + human(k, v)));
        }
        return 0;
    }

    /** Per dtype: how many tensors and parameters. */
    private static Map<String, Map<String, Long>> dtypes(Checkpoint ck) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Tensor t : ck.tensors().values()) {
            Map<String, Long> d = out.computeIfAbsent(t.dtype().name(), k -> new LinkedHashMap<>());
            d.merge("tensors", 1L, Long::sum);
            d.merge("parameters", t.size(), Long::sum);
        }
        return out;
    }

    private static long fileBytes(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return Files.size(path);
            }
            try (Stream<Path> files = Files.list(path)) {
                long sum = 0;
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    sum += Files.size(f);
                }
                return sum;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> rope(ModelConfig c) {
        Map<String, Object> rope = new LinkedHashMap<>();
        rope.put("theta", decimal(c.ropeTheta()));
        rope.put("style", c.ropeStyle() == ModelConfig.RopeStyle.HALVES ? "halves" : "pairs");
        ModelConfig.RopeScaling s = c.ropeScaling();
        if (s == null) {
            rope.put("scaling", null);
        } else {
            Map<String, Object> scaling = new LinkedHashMap<>();
            scaling.put("type", "llama3");
            scaling.put("factor", decimal(s.factor()));
            scaling.put("low_freq_factor", decimal(s.lowFreqFactor()));
            scaling.put("high_freq_factor", decimal(s.highFreqFactor()));
            scaling.put("original_context_length", s.originalContextLength());
            rope.put("scaling", scaling);
        }
        return rope;
    }

    /** The tokenizer summary, or why there is none. */
    private Map<String, Object> tokenizer(ModelFormat format) {
        Map<String, Object> out = new LinkedHashMap<>();
        TokenizerSource source = TokenizerSource.forModel(model, format, tokenizer);
        if (source == null) {
            out.put("error", TokenizerSource.missing(model, format).getMessage());
            return out;
        }
        out.put("source", source.path().toString());
        Tokenizer t;
        try {
            t = source.load();
        } catch (BadInputException e) {
            out.put("error", e.getMessage());
            return out;
        }
        out.put("type", t.getClass().getSimpleName());
        out.put("vocab_size", t.vocabSize());
        out.put("bos_token_id", t.bosId());
        out.put("bos_token", t.bosId() >= 0 ? t.tokenText(t.bosId()) : null);
        out.put("eos_token_ids", t.eosIds());
        out.put("eos_tokens", t.eosIds().stream().map(t::tokenText).toList());
        out.put("chat_template", t.chatTemplate().isPresent());
        return out;
    }

    /** A float config value as the shortest decimal that reads back as it (1e-5, not 9.99999974e-6). */
    private static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    /**
     * A value for people, on one line whatever it holds (token texts such as "\n", error messages): numbers
     * with thousands separators, maps as "k=v, ...", control characters escaped.
     */
    private static String human(String key, Object v) {
        if (v instanceof Long n && (key.equals("parameters") || key.equals("file_bytes"))) {
            return String.format(Locale.ROOT, "%,d (%s)", n, abbreviated(n));
        }
        if (v instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((k, x) -> parts.add(k + "=" + (x instanceof Map<?, ?> ? "{" + human("", x) + "}" : OneLine.of(String.valueOf(x)))));
            return String.join(", ", parts);
        }
        return OneLine.of(String.valueOf(v));
    }

    private static String abbreviated(long n) {
        String[] units = {"", "K", "M", "G", "T"};
        double x = n;
        int u = 0;
        while (x >= 1000 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        return u == 0 ? Long.toString(n) : String.format(Locale.ROOT, "%.2f %s", x, units[u]);
    }
}
