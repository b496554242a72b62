package dev.seal4j.seal.continual;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.format.PeftAdapter;
import dev.seal4j.engine.model.LoraAdapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Every model version on disk: versions/vN/manifest.json (each written once, atomically, never changed or
 * removed), content-addressed adapters in adapters/SHA256/, and the file {@code current} naming the served
 * version, replaced atomically. After a crash the current version is therefore either the old one or the
 * new one, and its files are checked against the manifest's hashes before it is served.
 */
public final class VersionStore {
    private final StateDir state;
    private final Clock clock;

    public VersionStore(StateDir state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** Creates version 0 for this base the first time; afterwards checks that the base is the same model. */
    public void initialize(VersionManifest.BaseModel base) {
        if (list().isEmpty()) {
            write(new VersionManifest(0, null, clock.instant().toString(), "base", base, List.of()));
            switchTo(0);
            return;
        }
        VersionManifest.BaseModel known = read(0).base();
        if (!known.files().equals(base.files())) {
            throw new BadInputException(base.path() + ": this is not the base model of " + state.root()
                    + " (it was created for " + known.path() + "; the weight files' SHA-256 differ)");
        }
    }

    public int currentNumber() {
        try {
            return Integer.parseInt(Files.readString(state.currentVersion()).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + state.currentVersion() + ": " + e.getMessage(), e);
        }
    }

    public VersionManifest current() {
        return read(currentNumber());
    }

    public boolean exists(int version) {
        return Files.exists(manifestFile(version));
    }

    public VersionManifest read(int version) {
        Path file = manifestFile(version);
        if (!Files.exists(file)) {
            throw new BadInputException("version " + version + " does not exist in " + state.root()
                    + " (see 'seal versions list --state " + state.root() + "')");
        }
        return ContinualJson.readFile(file, VersionManifest.class);
    }

    /** Every version, oldest first. */
    public List<VersionManifest> list() {
        try (Stream<Path> dirs = Files.list(state.versions())) {
            return dirs.filter(d -> d.getFileName().toString().matches("v\\d+") && Files.exists(d.resolve("manifest.json")))
                    .map(d -> Integer.parseInt(d.getFileName().toString().substring(1)))
                    .sorted().map(this::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + state.versions() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores an adapter under the SHA-256 of its weights (written to a temporary directory, hashed, then
     * renamed) and returns its stack entry fields.
     */
    public StoredAdapter storeAdapter(LoraAdapter adapter, String baseName) {
        Path incoming = state.adapters().resolve(".incoming-" + UUID.randomUUID());
        PeftAdapter.write(incoming, adapter, baseName);
        String weights = Sha256.ofFile(incoming.resolve(PeftAdapter.WEIGHTS));
        String config = Sha256.ofFile(incoming.resolve(PeftAdapter.CONFIG));
        Path target = adapterDir(weights);
        try {
            if (Files.exists(target)) {
                deleteTree(incoming);
            } else {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store adapter " + weights + ": " + e.getMessage(), e);
        }
        return new StoredAdapter(weights, config);
    }

    /** The hashes of a stored adapter's two files. */
    public record StoredAdapter(String weights, String config) {
    }

    public Path adapterDir(String sha256) {
        return state.adapters().resolve(sha256);
    }

    /** Writes a new version on top of {@code parent}; it is not served until {@link #switchTo}. */
    public VersionManifest create(VersionManifest parent, VersionManifest.StackEntry entry) {
        List<VersionManifest.StackEntry> stack = new ArrayList<>(parent.stack());
        stack.add(entry);
        int next = nextNumber();
        VersionManifest m = new VersionManifest(next, parent.version(), clock.instant().toString(), "update",
                parent.base(), stack);
        write(m);
        return m;
    }

    private int nextNumber() {
        try (Stream<Path> dirs = Files.list(state.versions())) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("v\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1))).max().orElse(-1) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(VersionManifest m) {
        byte[] json = ContinualJson.pretty(m);
        AtomicFiles.writeDirectory(state.versions().resolve("v" + m.version()),
                tmp -> AtomicFiles.write(tmp.resolve("manifest.json"), json));
    }

    /** Makes {@code version} the served one (an atomic replace of the file {@code current}). */
    public void switchTo(int version) {
        read(version);
        AtomicFiles.write(state.currentVersion(), (version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Checks every adapter file of a version against its manifest; a mismatch is an error naming the file. */
    public void verify(VersionManifest m) {
        for (VersionManifest.StackEntry e : m.stack()) {
            Path dir = adapterDir(e.adapter());
            check(dir.resolve(PeftAdapter.WEIGHTS), e.adapter(), m);
            check(dir.resolve(PeftAdapter.CONFIG), e.adapterConfig(), m);
        }
    }

    private static void check(Path file, String expected, VersionManifest m) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing (version " + m.version() + " needs it)");
        }
        String actual = Sha256.ofFile(file);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(file + " has SHA-256 " + actual + " but version " + m.version()
                    + " records " + expected + ": the file was changed");
        }
    }

    /** Removes adapter directories left half-written by a crash. */
    public void removeIncomplete() {
        try (Stream<Path> dirs = Files.list(state.adapters())) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(".")).toList()) {
                deleteTree(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path manifestFile(int version) {
        return state.versions().resolve("v" + version).resolve("manifest.json");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
