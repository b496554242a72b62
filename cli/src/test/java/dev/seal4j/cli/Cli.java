package dev.seal4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the CLI in-process on captured streams. */
final class Cli {
    private Cli() {
    }

    /** What a run printed and returned. */
    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Asserts exit code 2 with exactly one "seal: ..." line on stderr, and returns that line. */
        String badInput() {
            assertEquals(2, exit, () -> "exit code; stderr: " + err + " stdout: " + out);
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), () -> "stderr should be one line: " + err);
            assertEquals(true, lines.getFirst().startsWith("seal: "), lines.getFirst());
            return lines.getFirst();
        }

        Result ok() {
            assertEquals(0, exit, () -> "exit code; stderr: " + err);
            return this;
        }
    }

    static Result run(String... args) {
        return runWithInput("", args);
    }

    static Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, false, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, false);
        int exit = Main.run(io, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
