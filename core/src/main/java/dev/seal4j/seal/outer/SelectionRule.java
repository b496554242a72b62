package dev.seal4j.seal.outer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seal4j.engine.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which of a context's sampled self-edits the generator learns from, in context order. */
public enum SelectionRule {
    /** The paper's: the best of the k self-edits of every context. */
    BEST {
        @Override
        void choose(Selection.Scored s, List<Selection.Chosen> out) {
            out.add(s.choose(s.best(s::reward)));
        }
    },
    /** The best of k, only where it beats the unadapted model (the paper's filter, optional there). */
    IMPROVEMENTS {
        @Override
        void choose(Selection.Scored s, List<Selection.Chosen> out) {
            int best = s.best(s::reward);
            if (s.reward(best) > s.baseline()) {
                out.add(s.choose(best));
            }
        }
    },
    /** Every self-edit whose reward is above its context's mean (several per context; none where all tie). */
    ADVANTAGE {
        @Override
        void choose(Selection.Scored s, List<Selection.Chosen> out) {
            double mean = s.meanReward();
            for (int i = 0; i < s.completions().size(); i++) {
                if (s.reward(i) > mean) {
                    out.add(s.choose(i));
                }
            }
        }
    },
    /** Every self-edit with a reward above zero (binary rewards: every one that solved its task; the paper's ARC rule). */
    POSITIVE {
        @Override
        void choose(Selection.Scored s, List<Selection.Chosen> out) {
            for (int i = 0; i < s.completions().size(); i++) {
                if (s.reward(i) > 0) {
                    out.add(s.choose(i));
                }
            }
        }
    },
    /** The best of k by reward per line: among self-edits that teach as much, the one that says it in fewer lines. */
    PER_LINE {
        @Override
        void choose(Selection.Scored s, List<Selection.Chosen> out) {
            out.add(s.choose(s.best(i -> s.reward(i) / Math.max(1, lines(s.completions().get(i))))));
        }
    },
    /** No selection: the first self-edit of every context, unrewarded (the control of what the reward adds). */
    NONE {
        @Override
        void choose(Selection.Scored s, List<Selection.Chosen> out) {
            out.add(s.choose(0));
        }
    };

    abstract void choose(Selection.Scored context, List<Selection.Chosen> out);

    /** The SFT set of a round. */
    public List<Selection.Chosen> choose(List<Selection.Scored> contexts) {
        List<Selection.Chosen> out = new ArrayList<>();
        for (Selection.Scored s : contexts) {
            if (!s.completions().isEmpty()) {
                choose(s, out);
            }
        }
        return out;
    }

    /** "best", "improvements", ... as on the command line and in configs. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static SelectionRule parse(String label) {
        return Labels.parse(values(), SelectionRule::label, label, "selection rule");
    }

    private static long lines(String completion) {
        return completion.lines().filter(l -> !l.isBlank()).count();
    }
}
