package dev.seal4j.engine.model;

import dev.seal4j.engine.tensor.Matmul;
import dev.seal4j.engine.tensor.RmsNorm;
import dev.seal4j.engine.tensor.Rope;
import dev.seal4j.engine.tensor.Tensor;

import java.util.List;

/**
 * A decoder-only transformer (Llama, Mistral, Qwen2, Qwen3) over weights in any stored dtype. The model
 * object is immutable and shared by every thread and every caller: per-call state lives in a
 * {@link Workspace} and per-sequence state in a {@link KvCache}; adapters are passed per call. Training
 * uses the same layers through {@link Backprop}.
 */
public final class Transformer {
    private final ModelConfig config;
    private final ModelWeights weights;
    private final List<DecoderLayer> layers;

    public Transformer(ModelConfig config, ModelWeights weights) {
        this.config = config;
        this.weights = weights;
        ModelConfig.RopeScaling s = config.ropeScaling();
        Rope rope = new Rope(config.headDim(), config.ropeTheta(), config.ropeStyle() == ModelConfig.RopeStyle.HALVES,
                s == null ? null : new float[]{s.factor(), s.lowFreqFactor(), s.highFreqFactor(), s.originalContextLength()});
        DecoderLayer[] ls = new DecoderLayer[config.numLayers()];
        for (int l = 0; l < ls.length; l++) {
            ls[l] = new DecoderLayer(config, weights.layers().get(l), l, rope);
        }
        this.layers = List.of(ls);
    }

    public static Transformer of(Checkpoint checkpoint) {
        return new Transformer(checkpoint.config(), ModelWeights.from(checkpoint));
    }

    public ModelConfig config() {
        return config;
    }

    public ModelWeights weights() {
        return weights;
    }

    List<DecoderLayer> layers() {
        return layers;
    }

    /** Buffers for inference calls of up to {@code rows} rows; one per thread of use. */
    public final class Workspace {
        final int rows;
        final LayerActivations acts;
        final float[] x;       // (N, C) residual stream
        final float[] normed;  // (N, C) final-norm rows whose logits are wanted
        final int[] pos;       // (N)
        final DecoderLayer.KeyValues kv;

        private Workspace(int rows, LoraConfig lora) {
            this.rows = rows;
            this.acts = new LayerActivations(config, rows, 0, false, lora);
            this.x = new float[rows * config.hiddenSize()];
            this.normed = new float[rows * config.hiddenSize()];
            this.pos = new int[rows];
            this.kv = new DecoderLayer.KeyValues(new KvCache[rows], new float[rows][], new float[rows][]);
        }

        public int rows() {
            return rows;
        }
    }

    /**
     * A workspace for up to {@code rows} rows per call, able to run adapters of the given LoRA shape (null
     * for none).
     */
    public Workspace workspace(int rows, LoraConfig lora) {
        return new Workspace(rows, lora);
    }

    /**
     * Runs n new tokens. Row i is tokens[i] appended to sequence caches[i]; rows of one sequence are
     * contiguous and in order. Writes the logits (R, V) of rows logitRows[0..R) into {@code logits}.
     *
     * @param adapter a LoRA adapter to apply, or null (the workspace must have been made for its shape)
     */
    public void forward(Workspace ws, int[] tokens, KvCache[] caches, int n, LoraAdapter adapter, int[] logitRows,
                        int numLogits, float[] logits) {
        if (n > ws.rows) {
            throw new IllegalArgumentException(n + " rows exceed the workspace's " + ws.rows);
        }
        for (int i = 0; i < n; i++) {
            ws.pos[i] = i > 0 && caches[i] == caches[i - 1] ? ws.pos[i - 1] + 1 : caches[i].length();
            ws.kv.caches()[i] = caches[i];
            if (i == n - 1 || caches[i + 1] != caches[i]) {
                caches[i].reserve(ws.pos[i] + 1);
            }
        }
        embed(tokens, n, ws.x);
        for (int l = 0; l < layers.size(); l++) { // indexed: an iterator would be this loop's only allocation
            layers.get(l).forward(ws.x, n, ws.pos, ws.acts, ws.kv, adapter, null);
        }
        for (int i = 0; i < n; i++) {
            caches[i].advanceTo(ws.pos[i] + 1);
        }
        int C = config.hiddenSize();
        for (int r = 0; r < numLogits; r++) {
            System.arraycopy(ws.x, logitRows[r] * C, ws.normed, r * C, C);
        }
        logits(ws.normed, ws.normed, numLogits, logits, null);
    }

    /** x (N, C) = embedding rows of tokens. */
    void embed(int[] tokens, int n, float[] x) {
        int C = config.hiddenSize(), V = config.vocabSize();
        Tensor e = weights.embed();
        for (int i = 0; i < n; i++) {
            int t = tokens[i];
            if (t < 0 || t >= V) {
                throw new IllegalArgumentException("token id " + t + " is outside the vocabulary [0, " + V + ")");
            }
            e.dequantizeRow(t, x, i * C);
        }
    }

    /**
     * logits (N, V) = lm_head(normed) with normed (N, C) = final_norm(h) (may be h itself); rstd (N) saved
     * when non-null (training).
     */
    void logits(float[] h, float[] normed, int n, float[] logits, float[] rstd) {
        int C = config.hiddenSize();
        RmsNorm.forward(normed, 0, rstd, 0, h, 0, weights.finalNorm(), n, C, config.rmsNormEps());
        Matmul.forward(logits, normed, weights.lmHead(), null, n, C, config.vocabSize());
    }
}
