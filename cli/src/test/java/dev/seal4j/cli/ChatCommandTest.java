package dev.seal4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatCommandTest {

    /** Sampled replies (seed 0, turn t samples with seed t) of at most 6 tokens, each cut at a line break. */
    private static List<String> replies(Path model, String input) {
        return Cli.runWithInput(input, "chat", "--model", model.toString(), "--temperature", "1", "--max-tokens", "6",
                "--stop", "\\n", "\\r").ok().outLines();
    }

    /** One reply to "hello" alone, as generate --chat samples it. */
    private static String single(Path model, int seed) {
        return Cli.run("generate", "--model", model.toString(), "--chat", "--prompt", "hello", "--temperature", "1",
                "--max-tokens", "6", "--stop", "\\n", "\\r", "--seed", Integer.toString(seed)).ok().out();
    }

    @Test
    void keepsTheConversationUntilReset(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        List<String> reset = replies(model, "hello\n/reset\nhello\n/exit\nnever read\n");
        List<String> kept = replies(model, "hello\nhello\n");
        assertEquals(2, reset.size(), reset.toString());
        assertEquals(2, kept.size(), kept.toString());
        assertEquals(single(model, 0), reset.get(0) + "\n", "turn 0 is generate --chat with the same seed");
        assertEquals(kept.get(0), reset.get(0));
        assertEquals(single(model, 1), reset.get(1) + "\n", "after /reset, turn 1 sees only its own message");
        assertNotEquals(reset.get(1), kept.get(1), "without /reset, turn 1 sees the whole conversation");
    }

    @Test
    void aSystemMessageChangesTheReply(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Cli.Result plain = Cli.runWithInput("hello\n", "chat", "--model", model.toString(), "--temperature", "0", "--max-tokens", "6").ok();
        Cli.Result withSystem = Cli.runWithInput("hello\n", "chat", "--model", model.toString(), "--temperature", "0",
                "--max-tokens", "6", "--system", "Be brief.").ok();
        assertNotEquals(plain.out(), withSystem.out());
    }

    @Test
    void needsAChatTemplate() {
        String line = Cli.runWithInput("hi\n", TestFiles.args(List.of("chat"), TestFiles.stories().toArray(String[]::new))
                .toArray(String[]::new)).badInput();
        assertTrue(line.contains("chat template"), line);
    }
}
