package dev.seal4j.seal.outer;

import dev.seal4j.seal.exec.Candidate;
import dev.seal4j.seal.exec.CandidateExecutor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Runs candidates whose results the run has not recorded (all of them in one batch, so that side-by-side
 * workers share it), records each result as it arrives, and returns every result — recorded before or now —
 * in candidate order.
 *
 * @param score the figure a progress line shows of a result
 */
public record Evaluations<R>(CandidateExecutor executor, RunLog<R> log, Progress progress, ToDoubleFunction<R> score) {

    /** The results of a method's candidates, in their order (the map's). */
    public List<R> run(String method, Map<RecordKey, Candidate<R>> candidates) {
        List<Candidate<R>> todo = new ArrayList<>();
        Map<String, RecordKey> keys = new HashMap<>();
        candidates.forEach((key, candidate) -> {
            if (log.result(key).isEmpty()) {
                todo.add(candidate);
                keys.put(candidate.key(), key);
            }
        });
        progress.phase(method, todo.size());
        executor.run(todo, (candidate, result) -> {
            log.addResult(keys.get(candidate.key()), method, result);
            progress.advance(String.format("%s %.2f", method, score.applyAsDouble(result)));
        });
        return candidates.keySet().stream().map(key -> log.result(key).orElseThrow()).toList();
    }
}
