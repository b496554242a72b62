package dev.seal4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real clients against a live server: the official openai npm package, and the dashboard in headless
 * Chromium through playwright-core (cli/src/test/js; install.sh there installs them). Skipped when node,
 * the npm packages or /usr/bin/chromium are missing.
 */
class ServeClientsTest {
    private static final Path JS = NodeScripts.JS;

    private static void assumePackage(String name) {
        NodeScripts.assumePackage(JS, name);
    }

    /** Runs {@code node --test SCRIPT} against the server; fails with node's output unless it exits 0. */
    private static void runNode(String script, TestServer server, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", script).directory(JS.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SEAL_URL", server.url);
        pb.environment().put("SEAL_TOKEN", server.token);
        Process p = pb.start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, finished ? p.exitValue() : -1, script + " failed:\n" + output);
    }

    @Test
    void theOfficialOpenAiClientWorks(@TempDir Path tmp) throws Exception {
        assumePackage("openai");
        try (TestServer server = TestServer.start(tmp, TestServer.open(), 20)) {
            runNode("openai.test.mjs", server, tmp.resolve("openai.log"));
        }
    }

    @Test
    void theDashboardWorksInChromium(@TempDir Path tmp) throws Exception {
        assumePackage("playwright-core");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "/usr/bin/chromium is not installed");
        try (TestServer server = TestServer.start(tmp, TestServer.approval(), 20)) {
            server.post("/v1/documents", TestServer.doc("Una Vale"), true);
            TestServer.await("the update to wait for approval", 120, () -> !server.learner.pendingUpdates().pending().isEmpty());
            runNode("dashboard.test.mjs", server, tmp.resolve("dashboard.log"));
        }
    }
}
