package dev.seal4j.cli.server;

import com.sun.net.httpserver.HttpExchange;
import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bearer token of the mutating endpoints: 32 random bytes as hex, made at the first start and kept in a
 * file only its owner can read (created with mode 0600, never widened).
 */
public final class AdminToken {
    /** The shortest token accepted: 128 bits as hex (a made token has 256 bits, 64 hex digits). */
    static final int MIN_CHARS = 32;
    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The token in {@code file}, made first if there is none. */
    public static AdminToken loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
                } catch (FileAlreadyExistsException e) {
                    // made by a concurrent start: read it
                }
            }
            return new AdminToken(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The token text of an existing file, which must be private to its owner (mode 0600) and hold a token of at
     * least {@link #MIN_CHARS} characters: a token others can read, or that can be guessed, protects nothing.
     */
    public static String read(Path file) {
        try {
            try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (mode.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
                    throw new BadInputException(file + ": the admin token is readable by others (mode "
                            + PosixFilePermissions.toString(mode) + "); make it private (chmod 600 " + file
                            + ") or delete it to have a new one made");
                }
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own access control applies
            }
            String token = Files.readString(file).strip();
            if (token.length() < MIN_CHARS || !token.chars().allMatch(c -> c > ' ' && c < 127)) {
                throw new BadInputException(file + ": the admin token must be at least " + MIN_CHARS + " printable "
                        + "characters without spaces, found " + token.length() + " characters; delete the file to have "
                        + "a new one made");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /** Refuses (401) a request without "Authorization: Bearer TOKEN". The comparison takes constant time. */
    void require(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized("this endpoint needs 'Authorization: Bearer <token>' with the token in STATE/admin-token");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw ApiError.unauthorized("the bearer token is wrong (the token is in STATE/admin-token)");
        }
    }
}
