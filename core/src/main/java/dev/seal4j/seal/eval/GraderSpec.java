package dev.seal4j.seal.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.io.Serializable;

/**
 * A grader as a value: its name as written on the command line and in run records ("exact", "f1:0.8",
 * "judge:http://host/v1#model;key-env=VAR"; see {@link Graders}), checked when it is made, so that a bad name
 * is refused before a run starts. The grader itself (which may read an API key from the environment) is
 * built where it grades.
 */
public record GraderSpec(@JsonValue String text) implements Serializable {
    public static final GraderSpec EXACT = new GraderSpec("exact");

    @JsonCreator
    public GraderSpec {
        text = text.strip();
        Graders.check(text);
    }

    public Grader create() {
        return Graders.named(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
