package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.OneLine;
import dev.seal4j.engine.model.LoraTarget;
import dev.seal4j.seal.arc.ArcMethod;
import dev.seal4j.seal.eval.GraderSpec;
import dev.seal4j.seal.knowledge.KnowledgeConfig;
import dev.seal4j.seal.knowledge.KnowledgeMethod;
import dev.seal4j.seal.outer.SelectionRule;
import dev.seal4j.seal.selfedit.SelfEditFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code seal} command. Each subcommand is a class of its own in this package; they reach the streams
 * through their parent ({@link #io()}).
 *
 * <p>Exit codes: 0 success, 1 failure, 2 bad input (a one-line "seal: ..." message on stderr; stack traces
 * only with {@code --verbose}).
 */
@Command(name = "seal", mixinStandardHelpOptions = true, version = "seal4j 0.1.0",
        description = "SEAL (Self-Adapting Language Models) on the JVM.",
        subcommands = {GenerateCommand.class, ChatCommand.class, PerplexityCommand.class, TokenizeCommand.class,
                InspectCommand.class, FinetuneCommand.class, MergeCommand.class, ConvertCommand.class,
                PretrainCommand.class, KnowledgeCommand.class, ArcCommand.class, DemoCommand.class, RunsCommand.class, WorldCommand.class,
                ServeCommand.class, LearnCommand.class, UpdatesCommand.class, VersionsCommand.class, LedgerCommand.class,
                ContinualCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    private final Io io;
    private java.util.List<String> commandLine = java.util.List.of();

    Main(Io io) {
        this.io = io;
    }

    /** "seal" and the arguments it was run with (recorded in run manifests). */
    java.util.List<String> commandLine() {
        return commandLine;
    }

    /** The streams every subcommand writes to. */
    Io io() {
        return io;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(io.out());
    }

    public static void main(String[] args) {
        LauncherStderr.reclaim();
        System.exit(run(Io.system(), args));
    }

    /** Runs the CLI on the process's streams and returns its exit code: 0 success, 1 failure, 2 bad input. */
    public static int run(String... args) {
        return run(Io.system(), args);
    }

    /** Runs the CLI on the given streams and returns its exit code. */
    public static int run(Io io, String... args) {
        Main main = new Main(io);
        main.commandLine = java.util.stream.Stream.concat(java.util.stream.Stream.of("seal"), java.util.Arrays.stream(args)).toList();
        CommandLine cli = new CommandLine(main);
        registerConverters(cli);
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().version(cli.getCommandSpec().version()));
        cli.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> main.report(e));
        cli.setParameterExceptionHandler((e, args2) -> {
            io.err().println("seal: " + OneLine.of(e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
            return 2;
        });
        try {
            return cli.execute(args);
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    /** The typed values of options: parsed once here, with each type's own one-line error. */
    private static void registerConverters(CommandLine cli) {
        cli.registerConverter(KnowledgeMethod.class, checked(KnowledgeMethod::parse));
        cli.registerConverter(KnowledgeConfig.Setting.class, checked(KnowledgeConfig.Setting::parse));
        cli.registerConverter(SelfEditFormat.class, checked(SelfEditFormat::named));
        cli.registerConverter(GraderSpec.class, checked(GraderSpec::new));
        cli.registerConverter(LoraTarget.class, checked(LoraTarget::parse));
        cli.registerConverter(SelectionRule.class, checked(SelectionRule::parse));
        cli.registerConverter(ArcMethod.class, checked(ArcMethod::parse));
    }

    private static <T> CommandLine.ITypeConverter<T> checked(java.util.function.Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (BadInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }

    int report(Throwable e) {
        io.out().flush();
        if (verbose) {
            e.printStackTrace(io.err());
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof BadInputException) {
            return say(cause.getMessage(), 2);
        }
        if (cause instanceof NoSuchFileException nf) {
            return say(nf.getFile() + ": no such file", 2);
        }
        if (cause instanceof FileSystemException fs && fs.getFile() != null) {
            return say(fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason()
                    : fs instanceof AccessDeniedException ? "permission denied"
                    : fs instanceof FileAlreadyExistsException ? "already exists" : "cannot be used"), 2);
        }
        if (e instanceof UncheckedIOException u && u.getMessage() != null && !u.getMessage().equals(String.valueOf(cause))) {
            return say(u.getMessage(), 1); // "cannot read FILE: reason": names the file, unlike the cause alone
        }
        if (cause instanceof CommandFailedException || cause instanceof IOException
                || cause instanceof dev.seal4j.seal.continual.LearnerRefusal) {
            return say(cause.getMessage(), 1);
        }
        return say(e + (verbose ? "" : " (run with --verbose for details)"), 1);
    }

    /** Prints "seal: MESSAGE" as one line (line breaks in it escaped) and returns {@code exit}. */
    private int say(String message, int exit) {
        io.err().println("seal: " + OneLine.of(message));
        return exit;
    }
}
