package dev.seal4j.seal.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Asks a separate JVM whether a file is locked: the view of another process, which this one cannot fake. */
final class LockProbe {
    private static final String PROGRAM = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            public class Probe {
                public static void main(String[] args) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                        System.out.print(c.tryLock() == null ? "held" : "free");
                    }
                }
            }
            """;

    private LockProbe() {
    }

    static boolean heldByAnotherProcessView(Path lockFile) throws IOException {
        Path dir = Files.createTempDirectory("lock-probe");
        Path program = Files.writeString(dir.resolve("Probe.java"), PROGRAM);
        try {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), program.toString(), lockFile.toString())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the lock probe did not finish");
            }
            if (!out.equals("held") && !out.equals("free")) {
                throw new AssertionError("the lock probe said: " + out);
            }
            return out.equals("held");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            Files.deleteIfExists(program);
            Files.deleteIfExists(dir);
        }
    }
}
