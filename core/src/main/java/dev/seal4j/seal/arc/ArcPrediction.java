package dev.seal4j.seal.arc;

import dev.seal4j.engine.generate.Generator;
import dev.seal4j.engine.generate.SamplingSettings;
import dev.seal4j.engine.model.LoraAdapter;
import dev.seal4j.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a test input the way test-time training does (Akyürek et al.): greedy answers for views of the
 * task — the demonstrations and the test input under the same invertible transform — each mapped back by the
 * inverse, then voted; the two most voted answers are the attempts (pass@2).
 */
final class ArcPrediction {
    /** The views: the task as it is, its rotations, flips and reflections. */
    static final List<Transform> VIEWS = List.of(new Transform.Identity(), new Transform.Rotate(1), new Transform.Rotate(2),
            new Transform.Rotate(3), new Transform.Flip(true), new Transform.Flip(false), new Transform.Transpose(false),
            new Transform.Transpose(true));
    static final String INVALID = "invalid";

    private ArcPrediction() {
    }

    static ArcResult.TestAnswer answer(Generator generator, LoraAdapter adapter, List<ArcPair> demonstrations, ArcPair test,
                                       int contextLength) {
        Tokenizer tokenizer = generator.tokenizer();
        int maxAnswer = answerTokens(demonstrations, test.input());
        List<Transform> views = new ArrayList<>();
        List<int[]> prompts = new ArrayList<>();
        for (Transform view : VIEWS) {
            int[] prompt = tokenizer.encode(GridText.query(demonstrations.stream().map(p -> p.map(view)).toList(), view.apply(test.input())));
            if (prompt.length + maxAnswer <= contextLength) {
                views.add(view);
                prompts.add(prompt);
            }
        }
        List<String> answers = new ArrayList<>();
        Map<Grid, Integer> votes = new LinkedHashMap<>();
        if (!prompts.isEmpty()) {
            SamplingSettings greedy = SamplingSettings.greedy(maxAnswer).withStopStrings(List.of(GridText.END));
            List<Generator.Output> outputs = generator.generate(prompts, 1, greedy, adapter, null);
            for (int i = 0; i < views.size(); i++) {
                Optional<Grid> back = GridText.parse(outputs.get(i).text()).flatMap(views.get(i)::undo);
                answers.add(back.map(GridText::grid).orElse(INVALID));
                back.ifPresent(g -> votes.merge(g, 1, Integer::sum));
            }
        }
        List<Map.Entry<Grid, Integer>> ranked = new ArrayList<>(votes.entrySet());
        ranked.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable: ties keep the earlier view
        List<Map.Entry<Grid, Integer>> top = ranked.subList(0, Math.min(2, ranked.size()));
        return new ArcResult.TestAnswer(answers, top.stream().map(e -> GridText.grid(e.getKey())).toList(),
                top.stream().map(Map.Entry::getValue).toList(), top.stream().anyMatch(e -> e.getKey().equals(test.output())));
    }

    /**
     * The longest answer worth waiting for, in tokens: a grid twice as tall and wide as any grid of the task
     * (but at most 30 × 30), a newline per row, and the blank line.
     */
    static int answerTokens(List<ArcPair> demonstrations, Grid input) {
        int rows = input.rows(), cols = input.cols();
        for (ArcPair p : demonstrations) {
            rows = Math.max(rows, Math.max(p.input().rows(), p.output().rows()));
            cols = Math.max(cols, Math.max(p.input().cols(), p.output().cols()));
        }
        rows = Math.min(Grid.MAX_SIDE, 2 * rows);
        cols = Math.min(Grid.MAX_SIDE, 2 * cols);
        return rows * (cols + 1) + 2;
    }
}
