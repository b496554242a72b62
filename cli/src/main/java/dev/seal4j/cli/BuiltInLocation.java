package dev.seal4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built-in models live: models/ of the checkout the running jar was built in. */
final class BuiltInLocation {
    private BuiltInLocation() {
    }

    static Path tinyWorld() {
        return of("models/tiny-world");
    }

    /** A built-in model's directory ({@code relative} to the checkout), or that path in the working directory. */
    static Path of(String relative) {
        try {
            Path jar = Path.of(BuiltInLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                Path candidate = p.resolve(relative);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        return Path.of(relative);
    }
}
