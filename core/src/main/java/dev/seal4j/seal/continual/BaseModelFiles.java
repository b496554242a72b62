package dev.seal4j.seal.continual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The base model as a version manifest records it: every file that defines its weights, with its SHA-256. */
public final class BaseModelFiles {
    private BaseModelFiles() {
    }

    /**
     * A model directory's config.json and *.safetensors files (or a single model file such as a .gguf),
     * hashed.
     */
    public static VersionManifest.BaseModel describe(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(abs)) {
            try (Stream<Path> s = Files.list(abs)) {
                for (Path f : s.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.equals("config.json") || name.endsWith(".safetensors") || name.endsWith(".gguf")
                            || name.endsWith(".bin")) {
                        files.put(name, Sha256.ofFile(f));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + abs + ": " + e.getMessage(), e);
            }
        } else {
            files.put(abs.getFileName().toString(), Sha256.ofFile(abs));
        }
        return new VersionManifest.BaseModel(abs.toString(), files);
    }
}
