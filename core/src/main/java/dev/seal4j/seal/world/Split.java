package dev.seal4j.seal.world;

import dev.seal4j.engine.BadInputException;

import java.util.List;
import java.util.Locale;

/**
 * Who a person is drawn for. Full names are partitioned among the splits by a hash of the name, so no two
 * splits can ever share a person's name, whatever their seeds (two evaluation populations drawn with
 * different seeds may share names with each other, never with pretraining or SEAL training).
 */
public enum Split {
    /** People whose biographies the model is pretrained on. */
    PRETRAIN,
    /** SEAL-training people: the contexts of the RL outer loop. */
    TRAIN,
    /** Evaluation people: never in pretraining or RL. */
    EVAL,
    /** Throwaway people of the pretraining drills (reading, self-edit writing), a fresh one per document. */
    DRILL;

    /** The split a full name belongs to. */
    public static Split owning(String givenName, String familyName) {
        long h = Rng.hash(givenName + " " + familyName);
        return values()[(int) Long.remainderUnsigned(h, values().length)];
    }

    /** "pretrain", "train", "eval", "drill". */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The population a {@code --split} flag names: pretrain, train or eval. */
    public static Split fromFlag(String value) {
        for (Split split : List.of(PRETRAIN, TRAIN, EVAL)) {
            if (split.flagName().equals(value)) {
                return split;
            }
        }
        throw new BadInputException("--split must be pretrain, train or eval, got '" + value + "'");
    }
}
