package dev.seal4j.seal.selfedit;

import java.util.List;

/**
 * The training sequences a self-edit turns into: each sequence is "{title}\n{text}", and the last one is always
 * the passage itself ("{title}\n{context}").
 *
 * @param sequences     the self-edit's sequences followed by the passage sequence
 * @param parsedNothing true when the completion held no usable text, so {@code sequences} is only the passage
 */
public record ParsedSelfEdit(List<String> sequences, boolean parsedNothing) {
    public ParsedSelfEdit {
        sequences = List.copyOf(sequences);
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a parsed self-edit always holds at least the passage sequence");
        }
    }

    /** The sequences that came from the completion (all but the trailing passage sequence). */
    public List<String> selfEditSequences() {
        return sequences.subList(0, sequences.size() - 1);
    }

    /** The trailing "{title}\n{context}" sequence. */
    public String passageSequence() {
        return sequences.getLast();
    }
}
