package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.seal.continual.BaseModelFiles;
import dev.seal4j.seal.continual.ContinualLearner;
import dev.seal4j.seal.continual.LearnerSetup;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.continual.StateLock;
import dev.seal4j.seal.continual.VersionManifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A continual learner opened by a command: the state's lock, the base model (from --model, or the one the
 * state was made for) and the learner over them. Closing releases everything.
 */
final class ContinualSession implements AutoCloseable {
    final StateDir state;
    final LoadedModel model;
    final ContinualLearner learner;
    private final StateLock lock;

    private ContinualSession(StateDir state, StateLock lock, LoadedModel model, ContinualLearner learner) {
        this.state = state;
        this.lock = lock;
        this.model = model;
        this.learner = learner;
    }

    static ContinualSession open(Path stateDir, Path modelPath, Path tokenizer, ContinualOptions options) {
        StateDir state = StateDir.create(stateDir);
        StateLock lock = StateLock.tryAcquire(state);
        if (lock == null) {
            throw new CommandFailedException(state.root() + " is in use by another seal process (a running 'seal serve'?)", null);
        }
        LoadedModel model = null;
        try {
            Path path = modelPath != null ? modelPath : baseOf(state);
            model = LoadedModel.open(path, tokenizer, true);
            ContinualLearner learner = ContinualLearner.open(new LearnerSetup(state, model.model,
                    BaseModelFiles.describe(path), model.tokenizer, options.learner(), options.gates(), options.heldOut(),
                    options.grader(), options.maxQueued, Clock.systemUTC()));
            return new ContinualSession(state, lock, model, learner);
        } catch (IllegalStateException e) {
            close(model, lock);
            throw new CommandFailedException(e.getMessage(), e);
        } catch (RuntimeException e) {
            close(model, lock);
            throw e;
        }
    }

    /** The base model recorded in version 0, for commands run without --model. */
    static Path baseOf(StateDir state) {
        Path v0 = state.versions().resolve("v0").resolve("manifest.json");
        if (!Files.exists(v0)) {
            throw new BadInputException(state.root() + " has no versions yet: pass --model");
        }
        return Path.of(dev.seal4j.seal.continual.ContinualJson.readFile(v0, VersionManifest.class).base().path());
    }

    private static void close(LoadedModel model, StateLock lock) {
        if (model != null) {
            model.close();
        }
        lock.close();
    }

    @Override
    public void close() {
        learner.close();
        close(model, lock);
    }
}
