package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.PeftAdapter;
import dev.seal4j.engine.model.Backprop;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.model.LoraConfig;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelWeights;
import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.model.Transformer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.train.ExampleEncoder;
import dev.seal4j.engine.train.LossMode;
import dev.seal4j.engine.train.LrSchedule;
import dev.seal4j.engine.train.TrainSettings;
import dev.seal4j.engine.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code seal finetune}: supervised fine-tuning on a JSONL file, LoRA (the default) or every weight
 * ({@code --full}). Progress goes to stderr; the result is written atomically to a new directory; the last
 * stdout line is a JSON summary.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Fine-tune a model on a JSONL file with LoRA (default) or on every weight (--full).",
                "Records are {\"text\"} (loss on every token), {\"prompt\", \"completion\"} (loss on the completion "
                        + "unless --loss all) or {\"messages\"} (rendered with the chat template; loss on assistant "
                        + "turns). A text is tokenized as 'seal perplexity' tokenizes a file.",
                "Writes a PEFT adapter directory (or, with --full, a Hugging Face model directory with the tokenizer "
                        + "files) to --out, complete or not at all; an existing non-empty --out is refused. Progress "
                        + "(step, loss, tokens/s, ETA) goes to stderr; the last stdout line is JSON: {\"train_loss\", "
                        + "\"final_loss\", \"steps\", \"tokens\", \"seconds\", \"train_tokens_per_second\", ...}.",
                "A NaN or infinite loss stops the run with exit code 1 and writes nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal finetune --model Qwen2.5-0.5B-Instruct --data edits.jsonl \\",
                "      --out adapter --lr 1e-3 --epochs 10 --lora-rank 32 --lora-alpha 64",
                "  seal finetune --model stories260K.bin --tokenizer tok512.bin \\",
                "      --data stories.jsonl --out tuned --full --lr 1e-4 \\",
                "      --scheduler cosine --warmup-steps 10 --batch-size 4",
                "  seal finetune --model base --init-adapter adapter --data more.jsonl \\",
                "      --out adapter2 --lr 5e-4"})
final class FinetuneCommand implements Callable<Integer> {
    private static final int DEFAULT_RANK = 8;
    private static final float DEFAULT_ALPHA = 16;
    private static final Set<LoraTarget> DEFAULT_TARGETS = EnumSet.of(LoraTarget.Q_PROJ, LoraTarget.V_PROJ);

    @ParentCommand
    Main main;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", required = true, paramLabel = "F.jsonl", description = "Training records, one JSON object per line.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The new adapter (or model, with --full) directory.")
    Path out;

    @Option(names = "--init-adapter", paramLabel = "DIR",
            description = "Continue training this PEFT adapter (its rank, alpha and targets).")
    Path initAdapter;

    @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank (default: " + DEFAULT_RANK + ").")
    Integer loraRank;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha; the update is scaled by alpha/rank (default: 16).")
    Float loraAlpha;

    @Option(names = "--lora-dropout", paramLabel = "D", description = "Dropout on the LoRA input, in [0, 1) (default: 0).")
    Float loraDropout;

    @Option(names = "--targets", paramLabel = "LIST", split = ",",
            description = "Modules to adapt: any of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, "
                    + "or 'all' (default: q_proj,v_proj).")
    List<String> targets;

    @Option(names = "--full", description = "Train every weight (fp32 master weights) and write a whole model directory.")
    boolean full;

    @Option(names = "--dtype", paramLabel = "f32|bf16|f16", description = "With --full: weight type of the written model (default: f32).")
    String dtype;

    @Option(names = "--lr", required = true, paramLabel = "X", description = "Peak learning rate.")
    float lr;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "1", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "Stop after N optimizer steps; 0 means no limit (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "1", description = "Records per micro-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--grad-accum", paramLabel = "G", defaultValue = "1",
            description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}).")
    int gradAccum;

    @Option(names = "--loss", paramLabel = "all|completion", defaultValue = "completion",
            description = "For {\"prompt\", \"completion\"} records: train on the completion only or on all tokens "
                    + "(default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--scheduler", paramLabel = "constant|linear|cosine", defaultValue = "constant",
            description = "Learning-rate schedule after the warm-up (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--warmup-steps", paramLabel = "W", defaultValue = "0", description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0", description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--max-grad-norm", paramLabel = "C", defaultValue = "1.0",
            description = "Clip the global gradient norm to C; 0 disables (default: ${DEFAULT-VALUE}).")
    float maxGradNorm;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seeds the LoRA initialisation, the data order and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--append-eos", description = "End every text and completion with the EOS token.")
    boolean appendEos;

    @Option(names = "--max-seq-len", paramLabel = "L", description = "Longest example in tokens (default: the model's context length).")
    Integer maxSeqLen;

    @Option(names = "--on-long", paramLabel = "truncate|error", defaultValue = "truncate",
            description = "Records longer than --max-seq-len: cut them (with a warning) or stop (default: ${DEFAULT-VALUE}).")
    String onLong;

    @Option(names = "--checkpointing", description = "Recompute each layer in the backward pass instead of keeping its activations (less memory).")
    boolean checkpointing;

    @Override
    public Integer call() {
        TrainSettings settings = new TrainSettings(lr, epochs, maxSteps, batchSize, gradAccum, LrSchedule.parse(scheduler),
                warmupSteps, weightDecay, maxGradNorm, seed);
        LossMode lossMode = LossMode.parse(loss);
        TrainingSet.OnLong longPolicy = onLongPolicy();
        checkModeFlags();
        DType fullDtype = full ? ModelDirectoryWriter.parseDtype(dtype == null ? "f32" : dtype) : null;
        Inputs.existing(data);
        Inputs.requireNewDirectory(out, "--out");
        try (LoadedModel m = modelOptions.load(); Arena arena = Arena.ofShared()) {
            ModelConfig config = m.model.config();
            int limit = config.contextLength();
            String limitName = "the model's context length " + limit;
            if (maxSeqLen != null) {
                Inputs.check(maxSeqLen >= 2 && maxSeqLen <= limit,
                        "--max-seq-len must be in [2, " + limit + "] (the model's context length), got " + maxSeqLen);
                limit = maxSeqLen;
                limitName = "--max-seq-len " + limit;
            }
            TrainingSet set = TrainingSet.read(data, new ExampleEncoder(m.tokenizer, lossMode, appendEos), limit, limitName,
                    longPolicy, main.io().err());
            LoraAdapter lora = full ? null : loraAdapter(m, arena);
            Transformer model = full ? new Transformer(config, m.model.weights().trainableCopy(arena)) : m.model;
            Backprop backprop = new Backprop(model, lora, set.maxRows(batchSize), set.maxSeqLen(), checkpointing);
            Trainer trainer = new Trainer(backprop, settings);
            Trainer.Result result;
            try (Progress progress = Progress.start(main.io(), "finetune", trainer.totalSteps(set.examples().size()))) {
                result = trainer.train(set.examples(), step -> progress.update(step.step(), String.format(Locale.ROOT,
                        "loss %.4f, %.0f tok/s", step.loss(), step.tokensPerSecond())));
            } catch (Trainer.DivergedException e) {
                throw new CommandFailedException("training diverged: " + e.getMessage() + "; nothing was written to " + out, e);
            }
            if (full) {
                ModelDirectoryWriter.write(trainedCheckpoint(m.checkpoint, backprop.parameters(), arena), out,
                        fullDtype, m.tokenizerSource, main.io().err());
            } else {
                PeftAdapter.write(out, lora, m.path.toString());
            }
            main.io().err().println("seal: wrote " + (full ? "model" : "adapter") + " to " + out);
            main.io().out().println(JsonLine.of(summary(result, set)));
            return 0;
        }
    }

    private TrainingSet.OnLong onLongPolicy() {
        return switch (onLong.toLowerCase(Locale.ROOT)) {
            case "truncate" -> TrainingSet.OnLong.TRUNCATE;
            case "error" -> TrainingSet.OnLong.ERROR;
            default -> throw new BadInputException("--on-long must be truncate or error, got '" + onLong + "'");
        };
    }

    /** LoRA flags do not go with --full; --dtype only does. */
    private void checkModeFlags() {
        if (full) {
            Inputs.check(initAdapter == null && loraRank == null && loraAlpha == null && loraDropout == null && targets == null,
                    "--full trains every weight: --init-adapter, --lora-rank, --lora-alpha, --lora-dropout and --targets do not apply");
        } else {
            Inputs.check(dtype == null, "--dtype applies only with --full (adapters are written in f32)");
            Inputs.check(loraRank == null || loraRank >= 1, "--lora-rank must be >= 1, got " + loraRank);
            Inputs.check(loraAlpha == null || (loraAlpha > 0 && Float.isFinite(loraAlpha)), "--lora-alpha must be > 0, got " + loraAlpha);
            Inputs.check(loraDropout == null || (loraDropout >= 0 && loraDropout < 1),
                    "--lora-dropout must be in [0, 1), got " + loraDropout);
        }
    }

    /** A fresh adapter from the flags, or the --init-adapter one (whose shape the flags may not contradict). */
    private LoraAdapter loraAdapter(LoadedModel m, Arena arena) {
        ModelWeights weights = m.model.weights();
        if (initAdapter == null) {
            LoraConfig c = new LoraConfig(loraRank == null ? DEFAULT_RANK : loraRank, loraAlpha == null ? DEFAULT_ALPHA : loraAlpha,
                    loraDropout == null ? 0f : loraDropout, targets == null ? DEFAULT_TARGETS : parseTargets());
            return LoraAdapter.initialize(c, weights, seed, arena);
        }
        LoraAdapter init = m.readAdapter(initAdapter, arena);
        LoraConfig c = init.config();
        String from = " conflicts with --init-adapter " + initAdapter;
        if (loraRank != null && loraRank != c.rank()) {
            throw new BadInputException("--lora-rank " + loraRank + from + " (rank " + c.rank() + ")");
        }
        if (loraAlpha != null && loraAlpha != c.alpha()) {
            throw new BadInputException("--lora-alpha " + loraAlpha + from + " (alpha " + c.alpha() + ")");
        }
        if (targets != null && !parseTargets().equals(c.targets())) {
            throw new BadInputException("--targets " + String.join(",", targets) + from + " (targets "
                    + String.join(",", c.targets().stream().map(LoraTarget::peftName).sorted().toList()) + ")");
        }
        if (loraDropout == null || loraDropout == c.dropout()) {
            return init;
        }
        F32Tensor[][] a = new F32Tensor[weights.layers().size()][LoraTarget.values().length];
        F32Tensor[][] b = new F32Tensor[weights.layers().size()][LoraTarget.values().length];
        for (LoraAdapter.Matrix mx : init.matrices()) {
            (mx.isA() ? a : b)[mx.layer()][mx.target().ordinal()] = mx.value();
        }
        return LoraAdapter.of(new LoraConfig(c.rank(), c.alpha(), loraDropout, c.targets()), weights, a, b);
    }

    private Set<LoraTarget> parseTargets() {
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        for (String t : targets) {
            if (t.strip().equals("all")) {
                set.addAll(EnumSet.allOf(LoraTarget.class));
            } else {
                try {
                    set.add(LoraTarget.parse(t));
                } catch (BadInputException e) {
                    throw new BadInputException("--targets: " + e.getMessage());
                }
            }
        }
        return set;
    }

    /** The trained weights under their Hugging Face names, as a checkpoint of the base's shape. */
    private static Checkpoint trainedCheckpoint(Checkpoint base, List<Parameter> params, Arena arena) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Parameter p : params) {
            if (p.tensor() != null) {
                tensors.put(p.name(), p.tensor());
            } else {
                F32Tensor v = Tensor.allocateF32(arena, p.array().length);
                v.copyFrom(p.array(), 0, 0, p.array().length);
                tensors.put(p.name(), v);
            }
        }
        return new Checkpoint(base.source(), base.config(), tensors, arena);
    }

    private Map<String, Object> summary(Trainer.Result r, TrainingSet set) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("train_loss", r.trainLoss());
        s.put("final_loss", r.losses().isEmpty() ? null : r.losses().getLast());
        s.put("steps", r.steps());
        s.put("examples", set.examples().size());
        s.put("tokens", r.tokens());
        s.put("seconds", r.seconds());
        s.put("train_tokens_per_second", r.tokensPerSecond());
        s.put("out", out.toString());
        return s;
    }
}
