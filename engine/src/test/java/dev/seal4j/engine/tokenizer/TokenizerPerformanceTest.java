package dev.seal4j.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Encoding must keep up with SEAL's volumes; limits are generous (typical times are 5-10x lower) but catch blowups. */
class TokenizerPerformanceTest {

    @Test
    void encodesAMegabyteOfTextInAFewSeconds() throws IOException {
        String text = squadText(1_000_000);
        for (String which : List.of("tokenizers/qwen3", "tokenizers/llama3")) {
            Tokenizer t = SharedFiles.tokenizer(which);
            int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> t.encode(text), which);
            assertEquals(text, t.decode(ids));
        }
    }

    @Test
    void pathologicalInputsStayFast() {
        Random rnd = new Random(1);
        StringBuilder letters = new StringBuilder();
        StringBuilder spaces = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            letters.append((char) ('a' + rnd.nextInt(26)));                       // one huge pre-tokenizer piece
            spaces.append(" \n\t\u3000".charAt(rnd.nextInt(4)));                 // long whitespace runs
        }
        for (String which : List.of("tokenizers/qwen3", "tokenizers/llama3", "tokenizers/llama2/tokenizer.bin")) {
            Tokenizer t = SharedFiles.tokenizer(which);
            for (String text : List.of(letters.toString(), spaces.toString(), "a".repeat(300_000))) {
                int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> t.encode(text), which);
                assertEquals(text, t.decode(ids, true));
            }
        }
    }

    @Test
    void trainsOnAMegabyteQuickly() throws IOException {
        List<String> texts = new ArrayList<>();
        for (JsonNode passage : SharedFiles.JSON.readTree(SharedFiles.require("data/squad/squad_val.json").toFile())) {
            texts.add(passage.get("context").textValue());
        }
        TrainedBpe bpe = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> BpeTrainer.train(texts, BpeTrainer.Options.of(2048, List.of("<|endoftext|>"))));
        assertEquals(2048, bpe.vocab().size());
    }

    private static String squadText(int length) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode passage : SharedFiles.JSON.readTree(SharedFiles.require("data/squad/squad_val.json").toFile())) {
            sb.append(passage.get("context").textValue()).append("\n\n");
            if (sb.length() >= length) {
                break;
            }
        }
        return sb.substring(0, Math.min(length, sb.length()));
    }
}
