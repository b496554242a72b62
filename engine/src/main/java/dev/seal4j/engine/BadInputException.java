package dev.seal4j.engine;

import java.nio.file.Path;

/**
 * Input a user gave us is wrong: a file, field, flag or value. The message is one line that names what is
 * wrong and where (made one line here, see {@link OneLine}, whatever the input put into it); the CLI prints it
 * without a stack trace and exits with code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(OneLine.of(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }

    /** "FILE: problem". */
    public static BadInputException inFile(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }

    public static BadInputException inFile(Path file, String problem, Throwable cause) {
        return new BadInputException(file + ": " + problem, cause);
    }
}
