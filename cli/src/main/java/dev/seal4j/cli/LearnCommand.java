package dev.seal4j.cli;

import dev.seal4j.seal.continual.ContinualJson;
import dev.seal4j.seal.continual.InputFiles;
import dev.seal4j.seal.continual.InputQueue;
import dev.seal4j.seal.continual.LearningInput;
import dev.seal4j.seal.continual.Outcome;
import dev.seal4j.seal.continual.QueuedInput;
import dev.seal4j.seal.continual.StateDir;
import dev.seal4j.seal.continual.StateLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seal learn}: the continual learner offline. Queues the files' inputs in the state and processes the
 * queue until nothing more can be done now (empty, rate-limited, or waiting for approval); prints one JSON
 * line per outcome. With --enqueue-only (or while a server holds the state) it only queues them, for the
 * server to pick up.
 */
@Command(name = "learn", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Learn from files offline, through the same gates and ledger as 'seal serve'.",
                "A file is a .json object or array, .jsonl lines (documents {title?, text, questions?} or feedback "
                        + "{question, answer?, correction}), or plain text (one document titled by the file name).",
                "Prints one JSON line per outcome: {\"input\", \"outcome\", \"version\", \"detail\"}."},
        footerHeading = "%nExamples:%n",
        footer = {"  seal learn notes.txt --state state --model models/tiny-world",
                "  seal learn corrections.jsonl --state state --enqueue-only"})
final class LearnCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to learn from.")
    List<Path> files;

    @Option(names = "--state", required = true, paramLabel = "DIR", description = "The state directory.")
    Path state;

    @Option(names = "--model", paramLabel = "PATH", description = "The base model (default: the one the state was made for).")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "The tokenizer, when it is not the model's own.")
    Path tokenizer;

    @Option(names = "--enqueue-only", description = "Only queue the inputs (a running server processes them).")
    boolean enqueueOnly;

    @Mixin
    ContinualOptions continual;

    @Override
    public Integer call() {
        List<LearningInput> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.addAll(InputFiles.read(Inputs.existing(f)));
        }
        StateDir dir = StateDir.create(state);
        if (enqueueOnly || StateLock.isHeld(dir)) {
            InputQueue queue = new InputQueue(dir, Clock.systemUTC());
            for (LearningInput in : inputs) {
                QueuedInput q = queue.enqueue(in);
                print(Map.of("input", q.id(), "outcome", "queued", "version", -1, "detail", "queued for the server"));
            }
            return 0;
        }
        try (ContinualSession s = ContinualSession.open(state, model, tokenizer, continual)) {
            for (LearningInput in : inputs) {
                s.learner.submit(in, "seal learn");
            }
            while (true) {
                Outcome o = s.learner.processNext();
                if (o.kind() == Outcome.Kind.IDLE) {
                    return 0;
                }
                print(Map.of("input", o.inputId() == null ? "" : o.inputId(), "outcome",
                        o.kind().name().toLowerCase(java.util.Locale.ROOT), "version", o.version(), "detail", o.detail()));
                if (o.kind() == Outcome.Kind.DEFERRED || o.kind() == Outcome.Kind.WAITING) {
                    main.io().err().println("seal: stopping: " + o.detail() + "; the rest stays queued");
                    return 0;
                }
            }
        }
    }

    private void print(Map<String, Object> line) {
        main.io().out().println(ContinualJson.write(line));
        main.io().out().flush();
    }
}
