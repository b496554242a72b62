package dev.seal4j.cli;

/**
 * A command could not do its job for a reason that is not bad input (e.g. training diverged). The message is
 * one line for the user; the exit code is 1.
 */
public final class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
