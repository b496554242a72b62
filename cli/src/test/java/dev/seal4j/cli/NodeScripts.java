package dev.seal4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The npm packages real-client tests drive (cli/src/test/js; its install.sh installs them); tests skip without them. */
final class NodeScripts {
    static final Path JS = Path.of("src/test/js");

    private NodeScripts() {
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Skips the calling test unless node runs and package {@code name} is installed in {@code folder}. */
    static void assumePackage(Path folder, String name) {
        assumeTrue(nodeWorks(), "node is not installed");
        assumeTrue(Files.isDirectory(folder.resolve("node_modules").resolve(name)),
                name + " is not installed (run cli/src/test/js/install.sh)");
    }
}
