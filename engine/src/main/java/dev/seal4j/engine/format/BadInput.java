package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;

import java.nio.file.Path;

/**
 * The BadInputExceptions of this package: "FILE: problem" on one line of bounded length, whatever the file
 * put into the problem (tensor names and values come from untrusted bytes and may hold line breaks).
 */
final class BadInput {
    static final int MAX_PROBLEM_CHARS = 500;

    private BadInput() {
    }

    static BadInputException inFile(Path file, String problem) {
        return BadInputException.inFile(file, oneLine(problem));
    }

    static BadInputException inFile(Path file, String problem, Throwable cause) {
        return BadInputException.inFile(file, oneLine(problem), cause);
    }

    /** Control and line-separator characters escaped as \\uXXXX; cut to {@link #MAX_PROBLEM_CHARS}. */
    static String oneLine(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_PROBLEM_CHARS + 1));
        for (int i = 0; i < s.length() && out.length() < MAX_PROBLEM_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_PROBLEM_CHARS) {
            out.setLength(MAX_PROBLEM_CHARS);
            out.append("…");
        }
        return out.toString();
    }
}
