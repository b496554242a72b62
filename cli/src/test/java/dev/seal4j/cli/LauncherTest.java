package dev.seal4j.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code seal} launcher run as a real process, as users, pipelines and service managers run it: which stream
 * each byte lands on, the exit code, and that the pid it leaves is the JVM's (so {@code kill PID} stops it).
 *
 * <p>The launcher file is the repository's own, copied into a scratch root whose {@code cli/target/seal4j.jar} is
 * a manifest-only jar naming this test's classpath: the real CLI, without packaging it during the test phase.
 */
class LauncherTest {
    @TempDir
    static Path root;
    private static Path seal;

    /** What a launcher run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void scratchRoot() throws IOException {
        seal = Files.copy(Path.of("../seal"), root.resolve("seal"));
        assertTrue(seal.toFile().setExecutable(true));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path jar = Files.createDirectories(root.resolve("cli/target")).resolve("seal4j.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
    }

    private static ProcessBuilder launcher(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(seal.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SEAL4J_JAVA_OPTS");
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs the launcher to its end, with {@code stdin} as its input, reading both streams to their end. */
    private static Run run(Map<String, String> env, String stdin, String... args) {
        try {
            Process p = launcher(env, args).start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not end");
            return new Run(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run run(String... args) {
        return run(Map.of(), "", args);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void anErrorIsOneLineOnStderrAndNothingOnStdout() {
        Run r = run("generate", "--model", "/nonexistent/m.bin", "--prompt", "x");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals("seal: /nonexistent/m.bin: no such file\n", r.err(), "no JVM warning, no second line");
    }

    @Test
    void resultsAloneOnStdout(@TempDir Path tmp) throws IOException {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Run version = run("--version");
        assertEquals(new Run(0, "seal4j 0.1.0\n", ""), version);

        Path good = TestFiles.write(tmp.resolve("good.jsonl"), "{\"text\": \"Hi\"}\n");
        assertEquals(new Run(0, "{\"ids\": [72,105]}\n", ""), run("tokenize", "--tokenizer", model.toString(), "--jsonl", good.toString()));

        Path bad = TestFiles.write(tmp.resolve("bad.jsonl"), "{\"text\": 3}\n");
        Run refused = run("tokenize", "--tokenizer", model.toString(), "--jsonl", bad.toString());
        assertEquals(new Run(2, "", "seal: " + bad + ":1: expected an object with a string field 'text'\n"), refused);
    }

    @Test
    void finetuneProgressGoesToStderrAndTheSummaryToStdout(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Path data = TestFiles.write(tmp.resolve("train.jsonl"), "{\"prompt\": \"a\", \"completion\": \"b\"}\n".repeat(3));
        Run r = run("finetune", "--model", model.toString(), "--data", data.toString(), "--lr", "1e-3",
                "--out", tmp.resolve("adapter").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(1, out.size(), "stdout is the JSON summary alone: " + r.out());
        assertTrue(TestFiles.json(out.getFirst()).has("steps"), out.getFirst());
        assertFalse(r.err().isBlank(), "progress on stderr");
        assertFalse(r.err().contains("WARNING"), r.err());
    }

    @Test
    void stdinReachesTheCommand(@TempDir Path tmp) {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Run r = run(Map.of(), "hello\nhello\n", "chat", "--model", model.toString(), "--temperature", "0", "--max-tokens", "3",
                "--stop", "\\n");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().lines().count(), "one reply per input line: " + r.out());
    }

    @Test
    void whatTheJvmSaysBeforeTheCliStartsGoesToStderr() {
        Run r = run(Map.of("SEAL4J_JAVA_OPTS", "-Xmx1q"), "", "--version");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Invalid maximum heap size: -Xmx1q"), r.err());
    }

    /** The pid the caller holds is the JVM's own: SIGTERM stops the server, closes its port, leaves nothing behind. */
    @Test
    void killingThePidStopsTheServer(@TempDir Path tmp) throws Exception {
        Path model = TestFiles.chatModel(tmp.resolve("m"));
        Process p = launcher(Map.of(), "serve", "--model", model.toString(), "--state", tmp.resolve("state").toString(),
                "--port", "0").redirectError(tmp.resolve("serve.err").toFile()).start();
        try {
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(first != null, () -> "serve printed nothing: " + read(tmp.resolve("serve.err")));
            URI url = URI.create(TestFiles.json(first).get("url").asText());
            assertTrue(p.info().command().orElseThrow().endsWith("/java"), "the launcher's pid is the JVM: exec");
            assertEquals(List.of(), p.descendants().map(ProcessHandle::pid).toList(), "no filter or shell left as a child");
            connect(url).close();

            p.destroy(); // SIGTERM to the pid, as kill PID
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "SIGTERM stopped the server");
            assertEquals(143, p.exitValue(), "the JVM's exit status for SIGTERM");
            assertThrows(IOException.class, () -> connect(url).close(), "the port is closed");
            assertEquals("", read(tmp.resolve("serve.err")).lines().filter(l -> !l.startsWith("seal: serving"))
                    .reduce("", (a, b) -> a + b + "\n"), "stderr: the serving line only");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Socket connect(URI url) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 2000);
        return s;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
