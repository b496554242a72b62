package dev.seal4j.seal.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Which seal4j computed a run: the Maven version, and the git commit of the checkout it was built from. */
public final class BuildInfo {
    private static final String UNKNOWN = "unknown";

    private static volatile String gitCommit;

    private BuildInfo() {
    }

    /** The project version (e.g. 0.1.0-SNAPSHOT), "unknown" when the build did not record it. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("seal4j.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN);
            return version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /**
     * The commit of the git checkout holding this code, with "-dirty" when tracked files were modified; null
     * when the code does not live in a git checkout or git is not installed. Computed once per process.
     */
    public static String gitCommit() {
        String commit = gitCommit;
        if (commit == null) {
            commit = codeLocation() == null ? "" : askGit(codeLocation());
            gitCommit = commit;
        }
        return commit.isEmpty() ? null : commit;
    }

    private static Path codeLocation() {
        try {
            Path location = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String askGit(Path dir) {
        String head = git(dir, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "";
        }
        return git(dir, "status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
    }

    /** The trimmed output of a git command, "" when it fails. */
    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroy();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
