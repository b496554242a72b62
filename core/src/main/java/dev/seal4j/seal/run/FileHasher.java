package dev.seal4j.seal.run;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.format.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 of files, read as a stream (weights of many gigabytes never sit in memory), remembered by
 * (absolute path, size, modification time) so that a resumed run does not read its model again. The memory
 * can be kept in a small JSON file ({@link #load}, {@link #save}):
 * {@code {"/abs/path": {"size": n, "modified_millis": t, "sha256": "..."}}}.
 */
public final class FileHasher {
    private static final int BUFFER_BYTES = 1 << 20;

    /** What was hashed, and under which size and modification time. */
    record Known(long size, long modifiedMillis, String sha256) {
    }

    private final Map<String, Known> known;
    private boolean changed;

    private FileHasher(Map<String, Known> known) {
        this.known = known;
    }

    /** A hasher that remembers nothing yet. */
    public static FileHasher empty() {
        return new FileHasher(new TreeMap<>());
    }

    /** A hasher that remembers what {@code cacheFile} holds (nothing when the file is absent). */
    public static FileHasher load(Path cacheFile) {
        if (!Files.exists(cacheFile)) {
            return empty();
        }
        try {
            return new FileHasher(new TreeMap<>(RunJson.PRETTY.readValue(cacheFile.toFile(), new TypeReference<Map<String, Known>>() {
            })));
        } catch (IOException e) {
            return empty(); // only a cache: recompute
        }
    }

    /** Writes what this hasher knows to {@code cacheFile} atomically, when it learned something new. */
    public synchronized void save(Path cacheFile) {
        if (!changed && Files.exists(cacheFile)) {
            return;
        }
        try {
            AtomicFiles.write(cacheFile, RunJson.PRETTY.writeValueAsBytes(known));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        changed = false;
    }

    /** The digest of one file. */
    public synchronized FileDigest file(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            long size = Files.size(absolute);
            long modified = Files.getLastModifiedTime(absolute).toMillis();
            String key = absolute.toString();
            Known hit = known.get(key);
            if (hit == null || hit.size() != size || hit.modifiedMillis() != modified) {
                hit = new Known(size, modified, sha256(absolute));
                known.put(key, hit);
                changed = true;
            }
            return new FileDigest(key, size, hit.sha256());
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(absolute, "no such file", e);
        } catch (IOException e) {
            throw BadInputException.inFile(absolute, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The digest of a model file, or of the regular non-hidden files directly inside a model directory. */
    public ModelDigest model(Path model) {
        Path absolute = model.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            FileDigest only = file(absolute);
            return new ModelDigest(absolute.toString(), only.sha256(), List.of(only));
        }
        List<FileDigest> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(absolute)) {
            for (Path entry : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                if (Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
                    files.add(file(entry));
                }
            }
        } catch (IOException e) {
            throw BadInputException.inFile(absolute, "cannot list the model directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw BadInputException.inFile(absolute, "the model directory holds no files");
        }
        StringBuilder listing = new StringBuilder();
        for (FileDigest f : files) {
            listing.append(f.sha256()).append("  ").append(Path.of(f.path()).getFileName()).append('\n');
        }
        return new ModelDigest(absolute.toString(), hex(digest().digest(listing.toString().getBytes(StandardCharsets.UTF_8))), files);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
