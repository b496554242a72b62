package dev.seal4j.seal.outer;

/**
 * The keys under which a SEAL run records its self-edits and candidate results, as types. Their text forms are
 * the keys of the run's logs (selfedits.jsonl, evaluations.jsonl) and of its candidates, unchanged since the
 * first recorded runs so that those still resume.
 */
public sealed interface RecordKey {
    /** The key in the logs. */
    String text();

    /** Self-edit {@code sample} for training context {@code context} of a ReST-EM round: "train|1|3|0". */
    record TrainingSelfEdit(Arm arm, int round, int context, int sample) implements RecordKey {
        public String text() {
            return arm.keyPrefix() + "|" + round + "|" + context + "|" + sample;
        }

        /** Its {@code repeat}-th application, a candidate: "train|1|3|0|2". */
        public Application application(int repeat) {
            return new Application(this, repeat);
        }
    }

    /** One application of a training self-edit (a candidate; its reward goes into the self-edit's record). */
    record Application(TrainingSelfEdit selfEdit, int repeat) implements RecordKey {
        public String text() {
            return selfEdit.text() + "|" + repeat;
        }
    }

    /** The unadapted model on training context {@code context} of a round, the reward's reference: "baseline|1|3". */
    record Baseline(int round, int context) implements RecordKey {
        public String text() {
            return "baseline|" + round + "|" + context;
        }
    }

    /** Self-edit {@code sample} that a method's generator wrote for evaluation context {@code context}: "eval|base_self_edits|4". */
    record EvalSelfEdit(String method, int context, int sample) implements RecordKey {
        public String text() {
            return "eval|" + method + "|" + context + (sample == 0 ? "" : "|" + sample);
        }
    }

    /** A method's candidate for the evaluation unit that starts at context {@code unit} (and its sample): "passage_only|4". */
    record Evaluation(String method, int unit, int sample) implements RecordKey {
        public String text() {
            return method + "|" + unit + (sample == 0 ? "" : "|" + sample);
        }
    }
}
