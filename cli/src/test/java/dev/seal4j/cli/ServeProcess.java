package dev.seal4j.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code seal serve} as a child JVM (same classpath as the tests), so a test can kill it with SIGKILL. */
final class ServeProcess implements AutoCloseable {
    final Process process;
    final String url;

    private ServeProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static ServeProcess start(Path log, List<String> serveArgs) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss4m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        cmd.addAll(serveArgs);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null) {
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("seal serve exited with " + p.exitValue() + ": " + java.nio.file.Files.readString(log));
            }
            JsonNode info = TestFiles.json(first);
            return new ServeProcess(p, info.get("url").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
