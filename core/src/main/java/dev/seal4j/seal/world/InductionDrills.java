package dev.seal4j.seal.world;

import dev.seal4j.engine.tokenizer.Tokenizer;

/**
 * The induction drills of pretraining: random frequent tokens repeated, and short lists of the world's words
 * repeated. A small model starts copying from its context on these within a few hundred steps, where on long
 * documents it plateaus for thousands; the warm-up stage trains on drills alone and later stages keep a share
 * of them, since a copy circuit that has just formed is lost when the data changes all at once.
 */
final class InductionDrills {
    private static final int SHORT_PERIOD = 12, LONG_PERIOD = 256, SHORT_STEPS = 200, LENGTHENING_STEPS = 600;

    private final long seed;
    private final Tokenizer tokenizer;
    private final PretrainingCorpus corpus;
    private final int vocabSize;

    InductionDrills(long seed, Tokenizer tokenizer, PretrainingCorpus corpus, int vocabSize) {
        this.seed = seed;
        this.tokenizer = tokenizer;
        this.corpus = corpus;
        this.vocabSize = vocabSize;
    }

    /** A drill's tokens; from {@code period} on they repeat what came before. */
    record Repeats(int[] tokens, int period) {
    }

    /**
     * Random tokens repeated, document k of the drills: 3 to {@code maxPeriod} tokens (log-uniform)
     * repeated until the document holds at least 24 tokens. The tokens are drawn from 256 of the
     * tokenizer's first merges (the corpus's most frequent pieces): drawn from the whole vocabulary, each
     * token is too rare for its embedding to be learned and the copy circuit stalls.
     */
    private Repeats randomRepeats(long k, int maxPeriod) {
        Rng rng = Rng.of(seed, 0x1ADC, k);
        int length = (int) Math.round(3 * Math.pow(maxPeriod / 3.0, rng.nextDouble()));
        return repeated(rng, length, Math.max(2, Math.min(8, 24 / length + 1)));
    }

    /** {@code length} random frequent tokens, {@code reps} times. */
    Repeats repeated(Rng rng, int length, int reps) {
        int first = Math.min(257, vocabSize - 256);
        int[] doc = new int[length * reps];
        for (int i = 0; i < length; i++) {
            doc[i] = first + rng.nextInt(Math.min(256, vocabSize - first));
        }
        for (int r = 1; r < reps; r++) {
            System.arraycopy(doc, 0, doc, r * length, length);
        }
        return new Repeats(doc, length);
    }

    /**
     * The longest random-repeat period at a step of a stage. The warm-up starts with periods up to 12
     * (a small model forms its copy circuit on those in a couple of hundred steps, where on periods of
     * hundreds it plateaus at the entropy of random tokens) and then lengthens them geometrically to
     * {@link #LONG_PERIOD} over {@link #LENGTHENING_STEPS} steps: a circuit formed on short offsets only
     * does not reach the long offsets of real documents. Drills in later stages use the longest period.
     */
    static int maxPeriod(PretrainRecipe.Stage stage, int stageStep) {
        if (stage.stage() != null || stageStep >= SHORT_STEPS + LENGTHENING_STEPS) {
            return LONG_PERIOD;
        }
        double progress = Math.max(0, stageStep - SHORT_STEPS) / (double) LENGTHENING_STEPS;
        return (int) Math.round(SHORT_PERIOD * Math.pow((double) LONG_PERIOD / SHORT_PERIOD, progress));
    }

    /** Whether document k of a stage is an induction drill rather than a corpus document. */
    boolean isDrill(PretrainRecipe.Stage stage, long k) {
        return stage.stage() == null || Rng.of(seed, 0xD8, k).chance(stage.drillShare());
    }

    /** Drill k: random-token repeats (even k) or a short world copy drill. */
    int[] drill(long k, int maxPeriod) {
        return k % 2 == 0 ? randomRepeats(k, maxPeriod).tokens() : shortCopy(k).tokens();
    }

    /** A short copy drill of world words, tokenized; its period is where the first repetition starts. */
    Repeats shortCopy(long k) {
        String text = corpus.shortCopyDrill(Rng.of(seed, 0x5C0B, k));
        int repeatAt = text.indexOf("\nRepeat: ");
        return new Repeats(tokenizer.encode(text), tokenizer.encode(text.substring(0, repeatAt + "\nRepeat:".length())).length);
    }
}
