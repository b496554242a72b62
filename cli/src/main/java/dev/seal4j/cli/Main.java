package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** The {@code seal} command. Each subcommand is a class of its own in this package. */
@Command(name = "seal", mixinStandardHelpOptions = true, version = "seal4j 0.1.0",
        description = "SEAL (Self-Adapting Language Models) on the JVM.",
        subcommands = {CommandLine.HelpCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    static boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 bad input. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e));
        cli.setParameterExceptionHandler((e, args2) -> {
            System.err.println("seal: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cli.execute(args);
    }

    static int report(Throwable e) {
        if (verbose) {
            e.printStackTrace();
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof BadInputException) {
            System.err.println("seal: " + cause.getMessage());
            return 2;
        }
        if (cause instanceof NoSuchFileException nf) {
            System.err.println("seal: " + nf.getFile() + ": no such file");
            return 2;
        }
        if (cause instanceof IOException io) {
            System.err.println("seal: " + io.getMessage());
            return 1;
        }
        System.err.println("seal: " + e + (verbose ? "" : " (run with --verbose for details)"));
        return 1;
    }
}
