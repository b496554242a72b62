package dev.seal4j.engine.tokenizer;

import java.text.Normalizer;
import java.util.List;

/** Hugging Face's normalizer, for the kinds byte-level BPE models use: Unicode normal forms, in sequence. */
record TextNormalizer(List<Normalizer.Form> forms) {
    static final TextNormalizer NONE = new TextNormalizer(List.of());

    TextNormalizer {
        forms = List.copyOf(forms);
    }

    String apply(String text) {
        for (Normalizer.Form form : forms) {
            if (!Normalizer.isNormalized(text, form)) {
                text = Normalizer.normalize(text, form);
            }
        }
        return text;
    }
}
