package dev.seal4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.bench.BenchShape;
import dev.seal4j.engine.bench.InferenceBench;
import dev.seal4j.engine.bench.NllBench;
import dev.seal4j.engine.bench.RandomWeights;
import dev.seal4j.engine.bench.TrainBench;
import dev.seal4j.engine.format.Checkpoints;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code seal bench infer|train}: the engine's throughput and memory benchmarks (bench/compare.py sets them against PyTorch). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: inference (matmul, prefill, decode) and training throughput and memory.",
        subcommands = {BenchCommand.Infer.class, BenchCommand.Train.class, BenchCommand.Nll.class})
final class BenchCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(main.io().out());
    }

    static void setThreads(Integer threads) {
        if (threads != null) {
            if (threads < 1) {
                throw new BadInputException("--threads must be at least 1, got " + threads);
            }
            Parallel.setThreads(threads);
        }
    }

    /** The options every benchmark takes. */
    static final class RunOptions {
        @Option(names = "--threads", description = "Threads (default: every core).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the random weights, tokens and data.")
        long seed;

        @Option(names = "--json", description = "Print JSON, one line per shape or model measured.")
        boolean json;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Command(name = "infer", mixinStandardHelpOptions = true,
            description = "fp32 matmul GFLOP/s (512x2048x2048, x·Wᵀ), prefill and greedy decode tokens/s, and heap bytes allocated per decoded token.",
            footer = {"", "Examples:", "  seal bench infer --shape stories15m --threads 2 --json",
                    "  seal bench infer --shape stories15m --dtype q8_0 --tokens 256 --json",
                    "  seal bench infer --model model.gguf --json"})
    static final class Infer implements Runnable {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--model", description = "A model directory, .gguf or llama2.c .bin (weights as stored).")
        Path model;

        @Option(names = "--shape", description = "A shape with random weights: stories15m (default), tiny-world, qwen2.5-0.5b-4l, qwen2.5-0.5b.")
        String shape;

        @Option(names = "--dtype", description = "Weight type of a --shape: f32 (default), q8_0, bf16.")
        String dtype;

        @Mixin
        RunOptions options;

        @Option(names = "--tokens", defaultValue = "256", description = "Tokens decoded per run (default ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--prompt", defaultValue = "32", description = "Prompt tokens before decoding (default ${DEFAULT-VALUE}).")
        int prompt;

        @Option(names = "--prefill", defaultValue = "256", description = "Prompt length of the prefill measurement (default ${DEFAULT-VALUE}).")
        int prefill;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs; figures are medians (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--skip-matmul", description = "Leave out the matmul measurement.")
        boolean skipMatmul;

        @Override
        public void run() {
            if (model != null && (shape != null || dtype != null)) {
                throw new BadInputException("--model runs the weights as stored: leave out --shape and --dtype");
            }
            if (runs < 1 || warmup < 0 || tokens < 1 || prompt < 1 || prefill < 1) {
                throw new BadInputException("--runs, --tokens, --prompt and --prefill must be at least 1, --warmup at least 0");
            }
            // every option is checked before the first measurement
            BenchShape s = model != null ? null : BenchShape.named(shape == null ? "stories15m" : shape);
            DType d = model != null ? null : parseDtype(dtype == null ? "f32" : dtype);
            if (s != null && Math.max(prompt + tokens, prefill) > s.config().contextLength()) {
                throw new BadInputException("--prompt + --tokens and --prefill must fit the " + s.name() + " context of "
                        + s.config().contextLength() + " tokens");
            }
            setThreads(options.threads);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("threads", Parallel.threads());
            if (!skipMatmul) {
                out.put("matmul", InferenceBench.matmul(512, 2048, 2048, warmup, runs, options.seed));
            }
            InferenceBench.Settings settings = new InferenceBench.Settings(prompt, tokens, prefill, warmup, runs, options.seed);
            if (model != null) {
                try (Checkpoint ckpt = Checkpoints.open(model)) {
                    out.put("model", model.toString());
                    out.put("result", InferenceBench.run(Transformer.of(ckpt), settings));
                }
            } else {
                out.put("shape", s.name());
                out.put("dtype", d.name().toLowerCase(Locale.ROOT));
                try (Arena arena = Arena.ofShared()) {
                    Transformer t = new Transformer(s.config(), RandomWeights.generate(s.config(), d, options.seed, arena));
                    out.put("result", InferenceBench.run(t, settings));
                }
            }
            out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            bench.main.io().out().println(options.json ? json(out) : human(out));
        }

        private static DType parseDtype(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "f32" -> DType.F32;
                case "q8_0" -> DType.Q8_0;
                case "bf16" -> DType.BF16;
                default -> throw new BadInputException("--dtype must be f32, q8_0 or bf16, got '" + name + "'");
            };
        }

        private static String human(Map<String, Object> out) {
            StringBuilder b = new StringBuilder();
            b.append(out.containsKey("model") ? "model " + out.get("model") : "shape " + out.get("shape") + " " + out.get("dtype"))
                    .append(", ").append(out.get("threads")).append(" threads\n");
            if (out.get("matmul") instanceof InferenceBench.MatmulResult m) {
                b.append(String.format(Locale.ROOT, "matmul %dx%dx%d fp32: %.1f GFLOP/s%n", m.m(), m.n(), m.k(), m.gflops()));
            }
            InferenceBench.Result r = (InferenceBench.Result) out.get("result");
            b.append(String.format(Locale.ROOT, "prefill (%d tokens): %.1f tokens/s%n", r.prefillTokens(), r.prefillTokensPerSecond()));
            b.append(String.format(Locale.ROOT, "decode (%d tokens after %d): %.1f tokens/s, %.1f bytes allocated per token"
                            + " (last run %.1f: %s)", r.decodeTokens(), r.promptTokens(), r.decodeTokensPerSecond(),
                    r.decodeBytesPerToken(), r.decodeBytesPerTokenLastRun(),
                    r.decodeAllocationFree() ? "allocation-free" : "ALLOCATES"));
            return b.toString();
        }
    }

    @Command(name = "nll", mixinStandardHelpOptions = true,
            description = {"Mean negative log-likelihood of a token sequence by the prefill path (one batch) and the decode",
                    "path (one token at a time): the engine's arithmetic, to compare with an exact reference",
                    "(tools/gguf_reference_nll.py computes it in float64 from the same file)."},
            footer = {"", "Examples:", "  seal bench nll --model model.gguf --ids ids.json --json"})
    static final class Nll implements Runnable {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--model", required = true, description = "A model directory, .gguf or llama2.c .bin.")
        Path model;

        @Option(names = "--ids", required = true, paramLabel = "FILE", description = "A JSON array of token ids.")
        Path ids;

        @Mixin
        RunOptions options;

        @Override
        public void run() {
            int[] tokens;
            try {
                tokens = JSON.readValue(ids.toFile(), int[].class);
            } catch (IOException e) {
                throw new BadInputException("--ids " + ids + ": not a JSON array of token ids (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            setThreads(options.threads);
            try (Checkpoint ckpt = Checkpoints.open(model)) {
                NllBench.Result r;
                try {
                    r = NllBench.run(Transformer.of(ckpt), tokens);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--ids " + ids + ": " + e.getMessage());
                }
                bench.main.io().out().println(options.json ? json(r) : String.format(Locale.ROOT,
                        "%d tokens: mean NLL %.9f (prefill path), %.9f (decode path)", r.tokens(), r.prefillMeanNll(),
                        r.decodeMeanNll()));
            }
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Training tokens/s (forward, backward, clipping, AdamW; median step after warm-up) and peak memory.",
                    "Shapes: tiny-world (full fine-tuning, batch 8 x 256), qwen2.5-0.5b-4l (LoRA r=32 q,v on bf16, 1 x 256),",
                    "qwen2.5-0.5b (all 24 layers, LoRA r=32 q,v on bf16, 1 x 512, layer checkpointing: the memory run).",
                    "Without --shape all three run, each in a JVM of its own so that peak memory is per run."},
            footer = {"", "Examples:", "  seal bench train --shape tiny-world --threads 2 --json",
                    "  seal bench train --json"})
    static final class Train implements Runnable {
        @ParentCommand
        BenchCommand bench;

        @Option(names = "--shape", description = "tiny-world, qwen2.5-0.5b-4l or qwen2.5-0.5b (default: all three).")
        String shape;

        @Mixin
        RunOptions options;

        @Option(names = "--steps", description = "Timed steps (default: 5, or 2 for qwen2.5-0.5b).")
        Integer steps;

        @Option(names = "--warmup", description = "Untimed steps first (default: 2, or 1 for qwen2.5-0.5b).")
        Integer warmup;

        @Override
        public void run() {
            if (shape == null) {
                for (String s : List.of("tiny-world", "qwen2.5-0.5b-4l", "qwen2.5-0.5b")) {
                    runInChild(s);
                }
                return;
            }
            setThreads(options.threads);
            TrainBench.Plan std = TrainBench.standardPlan(shape);
            TrainBench.Plan plan = new TrainBench.Plan(std.shape(), std.dtype(), std.loraRank(), std.batch(), std.seqLen(),
                    std.checkpointing(), warmup == null ? std.warmup() : warmup, steps == null ? std.steps() : steps);
            if (plan.steps() < 1 || plan.warmup() < 0) {
                throw new BadInputException("--steps must be at least 1 and --warmup at least 0");
            }
            TrainBench.Result r = TrainBench.run(plan, options.seed);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("shape", plan.shape());
            out.put("mode", plan.mode());
            out.put("threads", Parallel.threads());
            out.put("result", r);
            out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            PrintStream stdout = bench.main.io().out();
            if (options.json) {
                stdout.println(json(out));
            } else {
                stdout.printf(Locale.ROOT, "%s %s (%s, batch %d x %d%s), %d threads: %.1f tokens/s, peak RSS %.2f GB, peak heap %.2f GB%n",
                        plan.shape(), plan.mode(), plan.dtype().name().toLowerCase(Locale.ROOT), plan.batch(), plan.seqLen(),
                        plan.checkpointing() ? ", checkpointing" : "", Parallel.threads(), r.tokensPerSecond(),
                        r.peakRssBytes() / 1e9, r.peakHeapBytes() / 1e9);
            }
        }

        /** Runs this command for one shape in a new JVM with this one's flags, passing its output on. */
        private void runInChild(String s) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench", "train",
                    "--shape", s, "--seed", Long.toString(options.seed)));
            if (options.threads != null) {
                cmd.addAll(List.of("--threads", options.threads.toString()));
            }
            if (steps != null) {
                cmd.addAll(List.of("--steps", steps.toString()));
            }
            if (warmup != null) {
                cmd.addAll(List.of("--warmup", warmup.toString()));
            }
            if (options.json) {
                cmd.add("--json");
            }
            try {
                Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                child.getInputStream().transferTo(bench.main.io().out());
                int code = child.waitFor();
                bench.main.io().out().flush();
                if (code != 0) {
                    throw new CommandFailedException("the benchmark of " + s + " failed (exit code " + code + ")", null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
