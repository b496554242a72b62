package dev.seal4j.cli.server;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token of the mutating endpoints: 32 random bytes as hex, made at the first start and kept in a
 * file only its owner can read (created with mode 0600, never widened).
 */
public final class AdminToken {
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

    /** The token text of an existing file. */
    public static String read(Path file) {
        try {
            return Files.readString(file).strip();
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
