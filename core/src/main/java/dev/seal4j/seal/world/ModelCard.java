package dev.seal4j.seal.world;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seal4j.engine.format.AtomicFiles;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.seal.run.Plots;
import dev.seal4j.seal.run.RecordLog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card (README.md) of a model pretrained on a world: what it is, the recipe, how each stage went
 * (steps, gate checks), the loss curve (loss.png/.svg), its measured abilities, and the commands that
 * reproduce it.
 */
public final class ModelCard {
    private ModelCard() {
    }

    /**
     * Writes README.md and loss.png/.svg into {@code modelDir} from the pretraining run in {@code runDir}
     * (metrics.jsonl, gates.jsonl) and the abilities measured by {@link WorldEvaluation}.
     */
    public static void write(Path modelDir, Path runDir, PretrainRecipe recipe, ModelConfig config, long parameters,
                             Map<String, Double> abilities, List<String> reproduce) {
        List<JsonNode> steps = RecordLog.read(runDir.resolve("metrics.jsonl"));
        List<JsonNode> gates = Files.exists(runDir.resolve("gates.jsonl")) ? RecordLog.read(runDir.resolve("gates.jsonl")) : List.of();
        Map<String, List<double[]>> byStage = new LinkedHashMap<>();
        Map<Long, JsonNode> lastPerStep = new LinkedHashMap<>(); // a resumed run may log a step twice; the last wins
        steps.forEach(s -> lastPerStep.put(s.get("step").asLong(), s));
        double seconds = 0;
        long tokens = 0;
        for (JsonNode s : lastPerStep.values()) {
            byStage.computeIfAbsent(s.get("stage").asText(), k -> new ArrayList<>())
                    .add(new double[]{s.get("step").asDouble(), s.get("loss").asDouble()});
            seconds = Math.max(seconds, s.get("seconds").asDouble());
            tokens += s.get("tokens").asLong();
        }
        Map<String, double[][]> curves = new LinkedHashMap<>();
        byStage.forEach((stage, points) -> {
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i)[0];
                xy[1][i] = points.get(i)[1];
            }
            curves.put(stage, xy);
        });
        Plots.writeLossCurve(curves, modelDir, "loss", Math.max(1, lastPerStep.size() / 300));

        StringBuilder md = new StringBuilder();
        md.append("# tiny-world\n\n");
        md.append("A ").append(String.format(Locale.ROOT, "%.1f", parameters / 1e6)).append("M-parameter Llama-architecture model that seal4j ")
                .append("pretrained from scratch, on this machine's CPU, on a procedurally generated world of countries, cities, ")
                .append("organisations, universities and people. It reads a biography, answers questions with and without it, stores ")
                .append("facts it was trained on, and writes SEAL self-edits (implications, rewrites, self-QA) of a passage. It is ")
                .append("`./seal demo`'s model: every fact it could be asked about is known, so SEAL's gains and leakage can be measured ")
                .append("exactly. An ordinary Hugging Face model directory (config.json, model.safetensors in BF16, tokenizer.json, ")
                .append("tokenizer_config.json with a chat template, generation_config.json); `world.json` names its world and the ")
                .append("inner-loop settings chosen for it.\n\n");
        md.append("## Architecture\n\n");
        md.append(String.format(Locale.ROOT, "LlamaForCausalLM: hidden %d, %d layers, %d heads (head_dim %d), %d kv heads, SwiGLU %d, "
                        + "vocabulary %d (byte-level BPE trained by `BpeTrainer` on the corpus), context %d, RoPE θ %.0f, tied embeddings. "
                        + "%,d parameters.%n%n", config.hiddenSize(), config.numLayers(), config.numHeads(), config.headDim(),
                config.numKvHeads(), config.intermediateSize(), config.vocabSize(), config.contextLength(), config.ropeTheta(), parameters));
        md.append("## World\n\n");
        WorldConfig w = recipe.world();
        md.append(String.format(Locale.ROOT, "World seed %d (people seed %d, corpus seed %d): %d countries, %d cities, %d organisations, "
                        + "%d universities; %d pretraining people (%.0f%% of them never shown in question-answer form, to measure extraction), "
                        + "%d SEAL-training people, %d evaluation people per evaluation seed (never in pretraining or RL); "
                        + "%d biography variants per pretraining person.%n%n", w.worldSeed(), w.peopleSeed(), w.corpusSeed(),
                w.shape().countries(), w.shape().cities(), w.shape().organisations(), w.shape().universities(),
                w.sizes().pretrain(), 100 * w.sizes().qaHeldOutFraction(), w.sizes().train(), w.sizes().eval(),
                w.sizes().biographyVariants()));
        md.append("## Recipe\n\n");
        md.append(String.format(Locale.ROOT, "AdamW (β 0.9/%.2f, weight decay %.2f on matrices), peak learning rate %.0e after %d warm-up steps, "
                        + "constant through the stages, then %d cool-down steps decaying to 10%%; gradient clipping 1.0; %d tokens per step "
                        + "(whole documents, each its own sequence). Stages run until their gate passes (checked every few hundred steps) "
                        + "or their budget runs out:%n%n", recipe.plan().beta2(), recipe.plan().weightDecay(), recipe.plan().lr(),
                recipe.plan().warmupSteps(), recipe.plan().cooldownSteps(), recipe.plan().tokensPerStep()));
        md.append("| stage | trains on | gate | pass mark | budget (steps) | steps used | gate at the end |\n|---|---|---|---|---|---|---|\n");
        for (PretrainRecipe.Stage st : recipe.stages()) {
            int used = byStage.getOrDefault(st.name(), List.of()).size();
            JsonNode last = null;
            for (JsonNode g : gates) {
                if (g.get("stage").asText().equals(st.name())) {
                    last = g;
                }
            }
            String mix = st.stage() == null ? "3–12 random tokens repeated 2–4 times"
                    : String.join(", ", st.stage().weights().entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
                    .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + Math.round(100 * e.getValue()) + "%").toList());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %d | %d | %s |%n", st.name(), mix,
                    st.gate().name().toLowerCase(Locale.ROOT), st.threshold(), st.maxSteps(), used,
                    last == null ? "—" : String.format(Locale.ROOT, "%.3f%s", last.get("value").asDouble(),
                            last.get("passed").asBoolean() ? " (passed)" : " (not passed)")));
        }
        md.append(String.format(Locale.ROOT, "%nIn all: %,d steps, %,d tokens, %.1f hours on a 2-core machine.%n%n",
                lastPerStep.size(), tokens, seconds / 3600));
        md.append("![loss](loss.png)\n\n");
        md.append("## Abilities (`seal world eval --model models/tiny-world --json`)\n\n| ability | value |\n|---|---|\n");
        abilities.forEach((k, v) -> md.append(k.endsWith("_nll") ? String.format(Locale.ROOT, "| %s | %.2f nats |%n", k, v)
                : String.format(Locale.ROOT, "| %s | %.1f%% |%n", k, 100 * v)));
        md.append("\nEvaluation people unless named otherwise; `qa_no_context_pretrain` is on pretraining people never shown in ")
                .append("question-answer form (stored knowledge made extractable); `leakage` is the fraction of other people's ")
                .append("questions answered with the adapted person's values after the inner loop; `passage_only_*` and `teacher_*` ")
                .append("adapt to one person on the passage alone or with the world's ground-truth implications.\n\n");
        md.append("## Reproduce\n\n```bash\n");
        reproduce.forEach(c -> md.append(c).append('\n'));
        md.append("```\n");
        AtomicFiles.write(modelDir.resolve("README.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }
}
