package dev.seal4j.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The streams a command talks through. {@link #system()} is the process's own (UTF-8 whatever the locale);
 * tests pass their own.
 *
 * @param in               what {@code seal chat} reads
 * @param out              results only (generated text, JSON lines)
 * @param err              errors, warnings and progress
 * @param stderrIsTerminal redraw progress bars (else print plain progress lines)
 * @param interactive      a person is typing: show prompts
 */
public record Io(InputStream in, PrintStream out, PrintStream err, boolean stderrIsTerminal, boolean interactive) {

    /** The process's streams. The launcher sets {@code -Dseal4j.stderr.tty} when stderr is a terminal. */
    public static Io system() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean tty = System.getProperty("seal4j.stderr.tty") != null;
        java.io.Console console = System.console();
        return new Io(System.in, out, err, tty, console != null && console.isTerminal());
    }
}
