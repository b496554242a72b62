package dev.seal4j.cli;

import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on what the user passed: files that must exist, outputs that must be new, flag values. */
final class Inputs {
    private Inputs() {
    }

    /** {@code path}, which must exist ("PATH: no such file" otherwise). */
    static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new BadInputException(path + ": no such file");
        }
        return path;
    }

    /** {@code path}, which must be an existing file, not a directory. */
    static Path existingFile(Path path) {
        existing(path);
        if (Files.isDirectory(path)) {
            throw new BadInputException(path + ": is a directory, not a file");
        }
        return path;
    }

    /** The whole file as UTF-8 text. */
    static String readText(Path file) {
        existingFile(file);
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** An output directory must not exist yet or be empty: results are never written over other files. */
    static void requireNewDirectory(Path dir, String flag) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(flag + " " + dir + ": already exists and is not a directory; choose a new path");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new BadInputException(flag + " " + dir + ": already exists and is not empty; choose a new path");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An output file must not exist yet: results are never written over other files. */
    static void requireNewFile(Path file, String flag) {
        if (Files.exists(file)) {
            throw new BadInputException(flag + " " + file + ": already exists; choose a new path");
        }
    }

    /** A flag's value must satisfy a condition; {@code message} says which flag and what is allowed. */
    static void check(boolean ok, String message) {
        if (!ok) {
            throw new BadInputException(message);
        }
    }
}
