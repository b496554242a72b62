package dev.seal4j.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Access to the PyTorch reference fixtures (test resources) and to ../shared. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The fixtures directory (test-classes/fixtures). */
    public static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** ../shared, or skips the test when it is absent. */
    public static Path shared(String relative) {
        Path p = Path.of(System.getProperty("seal4j.shared", "../shared")).resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "../shared is absent: " + p);
        return p;
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw little-endian float32 file. */
    public static float[] f32(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** A checkpoint path named in a fixture JSON: fixtures-relative, or "shared:..." under ../shared. */
    public static Path source(String name) {
        return name.startsWith("shared:") ? shared(name.substring("shared:".length())) : path(name);
    }
}
