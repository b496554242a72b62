package dev.seal4j.seal.arc;

import java.io.Serializable;
import java.util.Objects;

/** A demonstration or test: an input grid and the output the task's rule makes of it. */
public record ArcPair(Grid input, Grid output) implements Serializable {
    public ArcPair {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    /** The pair with both grids transformed alike. */
    public ArcPair map(Transform t) {
        return new ArcPair(t.apply(input), t.apply(output));
    }
}
