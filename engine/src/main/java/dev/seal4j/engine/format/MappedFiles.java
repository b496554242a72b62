package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Maps whole files read-only into an arena; the mapping lives until the arena closes (files of any size). */
final class MappedFiles {
    private MappedFiles() {
    }

    /** The whole of {@code file}, mapped read-only; a missing or unreadable file is a BadInputException. */
    static MemorySegment map(Path file, Arena arena) {
        if (Files.isDirectory(file)) {
            throw BadInput.inFile(file, "is a directory, expected a file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        } catch (NoSuchFileException e) {
            throw BadInput.inFile(file, "no such file");
        } catch (AccessDeniedException e) {
            throw BadInput.inFile(file, "permission denied");
        } catch (IOException e) {
            throw BadInput.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The first {@code n} bytes of a file (fewer if it is shorter), for recognizing its format. */
    static byte[] head(Path file, int n) {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (NoSuchFileException e) {
            throw BadInput.inFile(file, "no such file");
        } catch (AccessDeniedException e) {
            throw BadInput.inFile(file, "permission denied");
        } catch (IOException e) {
            throw BadInput.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
