package dev.seal4j.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"generate", "chat", "perplexity", "tokenize", "inspect", "finetune", "merge", "convert"})
    void everyCommandHasHelpWithExamples(String command) {
        Cli.Result r = Cli.run(command, "--help").ok();
        assertTrue(r.out().startsWith("Usage: seal " + command), r.out());
        assertTrue(r.out().contains("Examples:\n  seal " + command), r.out());
        assertTrue(r.out().contains("--verbose"), "inherited --verbose");
    }

    @Test
    void everyHelpTextIsFormatted() {
        // picocli falls back to the raw text, with a warning on System.err, when a description is not a valid
        // format string (a lone '%'): render every command's help and listen for the warning
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        int rendered = 0;
        try {
            java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(
                    java.util.List.of(new picocli.CommandLine(new Main(Io.system()))));
            while (!todo.isEmpty()) {
                picocli.CommandLine c = todo.pop();
                c.getUsageMessage();
                todo.addAll(c.getSubcommands().values());
                rendered++;
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(rendered > 20, "commands rendered: " + rendered);
    }

    @Test
    void rootHelpListsTheCommands() {
        Cli.Result r = Cli.run("--help").ok();
        for (String c : new String[] {"generate", "chat", "perplexity", "tokenize", "inspect", "finetune", "merge", "convert"}) {
            assertTrue(r.out().contains("  " + c + " "), c);
        }
        assertEquals(r.out(), Cli.run().ok().out(), "no command prints the usage");
    }

    @Test
    void unknownOptionsAndCommandsAreBadInput() {
        assertEquals("seal: Unknown option: '--nonsense' (see 'seal generate --help')",
                Cli.run("generate", "--model", "m", "--prompt", "p", "--nonsense").badInput());
        assertTrue(Cli.run("generate", "--prompt", "p").badInput().contains("--model"));
        assertTrue(Cli.run("fly").badInput().contains("fly"));
    }

    @Test
    void verbosePrintsTheStackTraceOfABadInput() {
        Cli.Result r = Cli.run("inspect", "--model", "no/such/model", "--verbose");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("BadInputException") && r.err().contains("\tat "), r.err());
        assertTrue(r.err().lines().toList().getLast().startsWith("seal: no/such/model: no such file")
                || r.err().contains("seal: no/such/model: no such file"), r.err());
    }
}
