package dev.seal4j.seal.outer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One ReST-EM E-step of the SEAL paper (50 passages × 5 self-edits × 3 evaluations): our selection
 * reproduces the SFT set the paper built from it, line for line.
 */
class SelectionGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reproducesThePapersBestOfFiveSet() throws IOException {
        Path dir = Path.of(System.getProperty("seal4j.shared", "../shared")).resolve("data/seal-reference");
        Assumptions.assumeTrue(Files.exists(dir.resolve("rank_iter0.json")), "../shared is absent");
        JsonNode rank = JSON.readTree(dir.resolve("rank_iter0.json").toFile());
        List<Selection.Scored> scored = new ArrayList<>();
        for (JsonNode article : rank.get("articles")) {
            List<String> completions = new ArrayList<>();
            List<List<Double>> rewards = new ArrayList<>();
            for (JsonNode c : article.get("completions")) {
                completions.add(c.get("text").asText());
                List<Double> perRep = new ArrayList<>();
                int reps = rank.get("eval_times").asInt();
                for (int rep = 0; rep < reps; rep++) {
                    int right = 0, n = 0;
                    for (JsonNode q : c.get("questions")) {
                        if (q.get("rep").asInt() == rep) {
                            n++;
                            right += q.get("adapter_correct").asBoolean() ? 1 : 0;
                        }
                    }
                    perRep.add(n == 0 ? 0 : (double) right / n);
                }
                rewards.add(perRep);
            }
            scored.add(new Selection.Scored(article.get("prompt").asText(), completions, rewards,
                    article.get("stats").get("baseline_accuracy").asDouble()));
        }
        List<Selection.Chosen> chosen = SelectionRule.BEST.choose(scored);
        List<String> expected = Files.readAllLines(dir.resolve("sft_best1of5_iter0.jsonl"));
        assertEquals(expected.size(), chosen.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = JSON.readTree(expected.get(i));
            assertEquals(e.get("prompt").asText(), chosen.get(i).prompt(), "prompt " + i);
            assertEquals(e.get("completion").asText(), chosen.get(i).completion(), "completion of passage " + i);
        }
    }
}
