package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.arc.GridCurriculum;
import dev.seal4j.seal.pretrain.Curriculum;
import dev.seal4j.seal.pretrain.Pretrainer;
import dev.seal4j.seal.world.PretrainRecipe;
import dev.seal4j.seal.world.WorldCurriculum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code seal pretrain}: pretrains a model on the built-in world by the built-in recipe. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Pretrain a model from scratch on the built-in world: a BPE tokenizer, then the curriculum",
                "(copying, reading, storage and extraction, self-edit writing), each stage until its gate passes.",
                "Checkpoints regularly; --resume continues exactly where a run stopped."},
        footer = {"", "Examples:",
                "  seal pretrain --world-seed 1 --out work/pretrain",
                "  seal pretrain --world-seed 1 --out work/pretrain --resume",
                "  seal pretrain --recipe small --out /tmp/smoke     (a tiny model in a minute)"})
public final class PretrainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--world-seed", defaultValue = "1", description = "Seed of the world's places and people (default ${DEFAULT-VALUE}).")
    long worldSeed;

    @Option(names = "--out", required = true, description = "Folder of the run: tokenizer, checkpoints, metrics, final model.")
    Path out;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--recipe", defaultValue = "builtin", description = "builtin (models/tiny-world's recipe), small (a tiny "
            + "world model in a minute), grids (models/tiny-grids' recipe: the grid world of seal arc), grids-probe (a small "
            + "grid model in minutes), grids-small (a tiny one for tests).")
    String recipe;

    @Option(names = "--max-steps-now", defaultValue = "0", paramLabel = "N",
            description = "Stop (with a checkpoint) after this many steps in this sitting; 0: run to the end.")
    int maxStepsNow;

    /** The built-in world's recipe of a name. */
    static PretrainRecipe recipe(String name, long worldSeed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "builtin" -> PretrainRecipe.builtIn(worldSeed);
            case "small" -> PretrainRecipe.small(worldSeed);
            default -> throw new BadInputException("--recipe must be builtin, small, grids, grids-probe or grids-small, got '" + name + "'");
        };
    }

    /** The curriculum of a recipe name: the built-in world's (builtin, small) or the grid world's (grids, grids-probe, grids-small). */
    static Curriculum curriculum(String name, long worldSeed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "grids" -> GridCurriculum.builtIn(worldSeed);
            case "grids-probe" -> GridCurriculum.small(worldSeed, 3000);
            case "grids-small" -> GridCurriculum.small(worldSeed, 24);
            default -> new WorldCurriculum(recipe(name, worldSeed));
        };
    }

    @Override
    public Integer call() {
        Curriculum curriculum = curriculum(recipe, worldSeed);
        Inputs.check(maxStepsNow >= 0, "--max-steps-now must be >= 0 (0: run to the end), got " + maxStepsNow);
        if (!resume) {
            Inputs.requireNewDirectory(out, "--out");
        }
        PrintStream err = main.io().err();
        Pretrainer p = new Pretrainer(curriculum, out, new Pretrainer.Listener() {
            long lastPrint = System.nanoTime();
            long tokensSincePrint;

            @Override
            public void onStep(Pretrainer.Step s) {
                long now = System.nanoTime();
                tokensSincePrint += s.tokens();
                if (now - lastPrint > 10_000_000_000L || s.stageStep() == 1) {
                    err.printf(Locale.ROOT, "step %d  %s %d/%d  loss %.4f  lr %.2e  %.0f tok/s  %.1f min%n",
                            s.step(), s.stage(), s.stageStep(), s.stageMaxSteps(), s.loss(), s.lr(),
                            tokensSincePrint / ((now - lastPrint) / 1e9), s.seconds() / 60);
                    lastPrint = now;
                    tokensSincePrint = 0;
                }
            }

            @Override
            public void onGate(Pretrainer.GateCheck g) {
                err.printf(Locale.ROOT, "gate %s at step %d: %.3f (pass %.2f) %s — %s%n", g.gate(), g.step(),
                        g.value(), g.threshold(), g.passed() ? "PASSED" : "not yet", g.detail());
            }

            @Override
            public void onMessage(String message) {
                err.println(message);
            }
        });
        boolean done = p.run(resume, maxStepsNow);
        main.io().out().println(done ? "finished: " + out.resolve("model") : "stopped; continue with --resume");
        return 0;
    }
}
