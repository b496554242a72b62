package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;

import java.nio.file.Path;

/** The BadInputExceptions of this package: "FILE: problem" (one line, see {@link BadInputException}). */
final class BadInput {
    private BadInput() {
    }

    static BadInputException inFile(Path file, String problem) {
        return BadInputException.inFile(file, problem);
    }

    static BadInputException inFile(Path file, String problem, Throwable cause) {
        return BadInputException.inFile(file, problem, cause);
    }
}
