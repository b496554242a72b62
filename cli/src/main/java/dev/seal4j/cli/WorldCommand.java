package dev.seal4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seal4j.seal.world.BuiltInModel;
import dev.seal4j.seal.world.Populations;
import dev.seal4j.seal.world.Split;
import dev.seal4j.seal.world.World;
import dev.seal4j.seal.world.WorldConfig;
import dev.seal4j.seal.world.WorldEvaluation;
import dev.seal4j.seal.world.WorldExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seal world export|eval}: the built-in world's data, and what a model has learned of it. */
@Command(name = "world", mixinStandardHelpOptions = true, description = "The built-in world: export its data, evaluate a model on it.",
        subcommands = {WorldCommand.Export.class, WorldCommand.Eval.class, WorldCommand.Card.class})
final class WorldCommand {
    @ParentCommand
    Main main;

    /** Every measurement averages over people: at least one. */
    static void checkPeople(int people) {
        Inputs.check(people >= 1, "--people must be >= 1, got " + people);
    }

    /** The world of a built-in model (its world.json), or the default world of a seed. */
    static WorldConfig worldOf(Path model, long worldSeed, Long evalSeed) {
        WorldConfig c = model != null ? BuiltInModel.read(Inputs.existing(model)).world() : WorldConfig.defaults(worldSeed);
        return evalSeed == null ? c : c.withEvalSeed(evalSeed);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a split's passages as SQuAD-style JSON ([{title, context, questions: [{question, answer, kind, "
                    + "attribute, distractor}], teacher_implications}]) for seal knowledge or any other tool.",
            footerHeading = "%nExamples:%n",
            footer = {"  seal world export --model models/tiny-world --split eval --out eval.json",
                    "  seal world export --model models/tiny-world --split eval --eval-seed 7 --out eval-7.json",
                    "  seal world export --world-seed 3 --split train --out train.json",
                    "  seal world export --model models/tiny-world --split train --skip 200 --limit 40 --out tune.json"})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        WorldCommand world;

        @Option(names = "--model", paramLabel = "DIR", description = "Take the world of this built-in model (its world.json).")
        Path model;

        @Option(names = "--world-seed", defaultValue = "1", description = "Without --model: the world seed (default ${DEFAULT-VALUE}).")
        long worldSeed;

        @Option(names = "--eval-seed", description = "Draw evaluation people afresh with this seed.")
        Long evalSeed;

        @Option(names = "--split", required = true, description = "pretrain, train or eval.")
        String split;

        @Option(names = "--skip", paramLabel = "N", description = "Leave out the split's first N people (default 0).")
        int skip;

        @Option(names = "--limit", paramLabel = "N", description = "Write at most N people (default: all the rest), e.g. to "
                + "hold some SEAL-training people out of ReST-EM for tuning a recipe.")
        Integer limit;

        @Option(names = "--out", required = true, paramLabel = "F.json", description = "A new file to write (atomically).")
        Path out;

        @Override
        public Integer call() throws IOException {
            Inputs.requireNewFile(out, "--out");
            Inputs.check(skip >= 0, "--skip must be >= 0, got " + skip);
            Inputs.check(limit == null || limit >= 1, "--limit must be >= 1, got " + limit);
            WorldConfig c = worldOf(model, worldSeed, evalSeed);
            World w = World.generate(c.worldSeed(), c.shape());
            Populations p = Populations.draw(w, c);
            Split s = Split.fromFlag(split);
            var all = WorldExport.passages(w, p.get(s));
            Inputs.check(skip < all.size(), "--skip " + skip + " leaves nobody: the " + split + " split has " + all.size() + " people");
            var passages = all.subList(skip, limit == null ? all.size() : Math.min(all.size(), skip + limit));
            WorldExport.write(passages, out);
            world.main.io().err().println("wrote " + passages.size() + " passages to " + out);
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Measure what a model knows of its world: QA with and without the passage, self-edit quality, "
                    + "and adaptation (passage only vs teacher implications) with leakage onto other people.",
                    "Accuracies and leakage are percentages (fractions with --json); the copy_*_nll figures are mean "
                            + "negative log-likelihoods in nats per token."},
            footerHeading = "%nExamples:%n",
            footer = {"  seal world eval --model models/tiny-world --json",
                    "  seal world eval --model models/tiny-world --eval-seed 7 --people 50"})
    static final class Eval implements Callable<Integer> {
        @ParentCommand
        WorldCommand world;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A built-in world model directory.")
        Path model;

        @Option(names = "--eval-seed", description = "Draw evaluation people afresh with this seed.")
        Long evalSeed;

        @Option(names = "--people", defaultValue = "40", paramLabel = "N", description = "People per measurement (default ${DEFAULT-VALUE}).")
        int people;

        @Option(names = "--json", description = "Print one JSON line.")
        boolean json;

        @Override
        public Integer call() {
            checkPeople(people);
            BuiltInModel built = BuiltInModel.read(Inputs.existing(model));
            WorldConfig c = evalSeed == null ? built.world() : built.world().withEvalSeed(evalSeed);
            World w = World.generate(c.worldSeed(), c.shape());
            try (LoadedModel m = LoadedModel.open(model, null, true)) {
                Map<String, Double> figures = new WorldEvaluation(w, Populations.draw(w, c), m.model, m.tokenizer,
                        built.innerLoop(), people).measure(c.evalSeed());
                PrintStream out = world.main.io().out();
                if (json) {
                    try {
                        out.println(new ObjectMapper().writeValueAsString(figures));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    figures.forEach((k, v) -> out.println(k.endsWith("_nll")
                            ? String.format(Locale.ROOT, "%-36s %6.3f nats", k, v)
                            : String.format(Locale.ROOT, "%-36s %6.1f%%", k, 100 * v)));
                }
            }
            return 0;
        }
    }

    @Command(name = "card", mixinStandardHelpOptions = true,
            description = "Write a built-in model's model card (README.md, loss.png/.svg) from its pretraining run and measured abilities.",
            footerHeading = "%nExamples:%n",
            footer = {"  seal world card --model models/tiny-world --run work/pretrain"})
    static final class Card implements Callable<Integer> {
        @ParentCommand
        WorldCommand world;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "The built-in model directory.")
        Path model;

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "Its pretraining run (metrics.jsonl, gates.jsonl).")
        Path run;

        @Option(names = "--recipe", defaultValue = "builtin", description = "The recipe it was trained with: builtin or small.")
        String recipe;

        @Option(names = "--people", defaultValue = "40", paramLabel = "N", description = "People per ability measurement (default ${DEFAULT-VALUE}).")
        int people;

        @Override
        public Integer call() {
            checkPeople(people);
            BuiltInModel built = BuiltInModel.read(Inputs.existing(model));
            Inputs.existing(run.resolve("metrics.jsonl"));
            WorldConfig c = built.world();
            dev.seal4j.seal.world.PretrainRecipe r = PretrainCommand.recipe(recipe, c.worldSeed());
            World w = World.generate(c.worldSeed(), c.shape());
            try (LoadedModel m = LoadedModel.open(model, null, true)) {
                world.main.io().err().println("measuring abilities ...");
                Map<String, Double> abilities = new WorldEvaluation(w, Populations.draw(w, c), m.model, m.tokenizer,
                        built.innerLoop(), people).measure(c.evalSeed());
                long parameters = m.checkpoint.tensors().values().stream().mapToLong(dev.seal4j.engine.tensor.Tensor::size).sum();
                dev.seal4j.seal.world.ModelCard.write(model, run, r, m.model.config(), parameters, abilities, java.util.List.of(
                        "./seal pretrain --world-seed " + c.worldSeed() + " --out work/pretrain   # add --resume to continue a stopped run",
                        "cp -r work/pretrain/model models/tiny-world",
                        "./seal world card --model models/tiny-world --run work/pretrain",
                        "./seal world eval --model models/tiny-world --json"));
                world.main.io().out().println("wrote " + model.resolve("README.md"));
            }
            return 0;
        }
    }
}
