package dev.seal4j.engine.model;

import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.CrossEntropy;
import dev.seal4j.engine.tensor.F32Tensor;
import dev.seal4j.engine.tensor.Matmul;
import dev.seal4j.engine.tensor.Parallel;
import dev.seal4j.engine.tensor.RmsNorm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training forward and backward through a {@link Transformer}: computes the loss of a batch and
 * accumulates gradients into the trainable parameters' buffers. Trains either a LoRA adapter (the base
 * weights stay frozen in their stored dtype and no gradient is computed for them) or every weight (full
 * fine-tuning: the model must hold fp32 master weights, see {@link ModelWeights#trainableCopy}).
 *
 * <p>Activations live in buffers allocated once for up to {@code maxRows} rows. With checkpointing, only
 * each layer's input is kept and the layer is recomputed during backward (memory for one layer instead of
 * all of them).
 */
public final class Backprop {
    private final Transformer model;
    private final ModelConfig c;
    private final LoraAdapter lora;
    private final int maxRows;
    private final int maxSeqLen;
    private final boolean checkpointing;
    private final LayerActivations[] acts;   // one per layer, or one shared when checkpointing
    private final float[][] layerInputs;     // [layer] (N, C) when checkpointing
    private final LayerGradients[] grads;
    private final BackwardScratch scratch;
    private final float[] x, normed, rstdFinal, logits, dx;
    private final float[] dEmbed, dFinalNorm, dLmHead;
    private final List<Parameter> parameters = new ArrayList<>();

    /**
     * @param lora          the adapter to train, or null to train every weight of {@code model}
     * @param maxRows       the most token rows one call may carry (the batch's total tokens)
     * @param maxSeqLen     the longest single sequence
     * @param checkpointing recompute layers in backward instead of storing their activations
     */
    public Backprop(Transformer model, LoraAdapter lora, int maxRows, int maxSeqLen, boolean checkpointing) {
        this.model = model;
        this.c = model.config();
        this.lora = lora;
        this.maxRows = maxRows;
        this.maxSeqLen = maxSeqLen;
        this.checkpointing = checkpointing;
        LoraConfig lc = lora == null ? null : lora.config();
        int L = c.numLayers(), C = c.hiddenSize(), V = c.vocabSize();
        this.acts = new LayerActivations[checkpointing ? 1 : L];
        for (int l = 0; l < acts.length; l++) {
            acts[l] = new LayerActivations(c, maxRows, maxSeqLen, true, lc);
        }
        this.layerInputs = checkpointing ? new float[L][maxRows * C] : null;
        this.scratch = new BackwardScratch(c, maxRows, lc);
        this.x = new float[maxRows * C];
        this.normed = new float[maxRows * C];
        this.rstdFinal = new float[maxRows];
        this.logits = new float[Math.multiplyExact(maxRows, V)];
        this.dx = new float[maxRows * C];
        this.grads = new LayerGradients[L];
        ModelWeights w = model.weights();
        if (lora != null) {
            for (int l = 0; l < L; l++) {
                grads[l] = new LayerGradients();
            }
            for (LoraAdapter.Matrix m : lora.matrices()) {
                float[] g = new float[Math.toIntExact(m.value().size())];
                LayerGradients lg = grads[m.layer()];
                (m.isA() ? lg.loraA : lg.loraB)[m.target().ordinal()] = g;
                parameters.add(new Parameter(m.peftKey(), m.value(), null, g, true));
            }
            dEmbed = dFinalNorm = dLmHead = null;
        } else {
            dEmbed = tensorParam(Global.EMBED.hfName, w.embed());
            for (int l = 0; l < L; l++) {
                LayerWeights lw = w.layers().get(l);
                LayerGradients g = new LayerGradients();
                for (Layer p : Layer.values()) {
                    g.weights[p.ordinal()] = p.kind == Kind.MATRIX ? tensorParam(p.hfName(l), lw.matrix(p))
                            : arrayParam(p.hfName(l), lw.vector(p));
                }
                grads[l] = g;
            }
            dFinalNorm = arrayParam(Global.FINAL_NORM.hfName, w.finalNorm());
            dLmHead = w.tied() ? dEmbed : tensorParam(Global.LM_HEAD.hfName, w.lmHead());
        }
    }

    private float[] tensorParam(String name, dev.seal4j.engine.tensor.Tensor t) {
        if (!(t instanceof F32Tensor f)) {
            throw new IllegalArgumentException("full fine-tuning needs fp32 master weights; " + name + " is " + t.dtype()
                    + " (use ModelWeights.trainableCopy)");
        }
        float[] g = new float[Math.toIntExact(f.size())];
        parameters.add(new Parameter(name, f, null, g, true));
        return g;
    }

    private float[] arrayParam(String name, float[] values) {
        if (values == null) {
            return null;
        }
        float[] g = new float[values.length];
        parameters.add(new Parameter(name, null, values, g, false));
        return g;
    }

    /** The trainable parameters with their gradient buffers, in a fixed order. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    public Transformer model() {
        return model;
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        for (Parameter p : parameters) {
            float[] g = p.grad();
            Parallel.forChunks(g.length, 1 << 16, (from, to, share) -> Arrays.fill(g, from, to, 0f));
        }
    }

    /**
     * A batch of ragged sequences: rows [0, n) are the concatenated sequences; pos[i] is row i's position in
     * its sequence (0 starts a new one); targets[i] is the token to predict at row i or
     * {@link CrossEntropy#IGNORE}.
     */
    public record Batch(int[] tokens, int[] targets, int[] pos, int n) {
        public int predicted() {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (targets[i] != CrossEntropy.IGNORE) {
                    k++;
                }
            }
            return k;
        }
    }

    /**
     * Forward and backward: returns Σ loss over the batch's predicted tokens and adds gradScale·∂(Σ loss)/∂θ
     * to every gradient buffer (gradScale = 1 / predicted tokens of the optimizer step gives the mean).
     *
     * @param dropoutSeed seeds the LoRA dropout masks of this call
     */
    public double forwardBackward(Batch b, float gradScale, long dropoutSeed) {
        check(b);
        int n = b.n(), C = c.hiddenSize(), V = c.vocabSize();
        List<DecoderLayer> layers = model.layers();
        model.embed(b.tokens(), n, x);
        for (int l = 0; l < layers.size(); l++) {
            if (checkpointing) {
                System.arraycopy(x, 0, layerInputs[l], 0, n * C);
            }
            layers.get(l).forward(x, n, b.pos(), activations(l), DecoderLayer.KeyValues.IN_BATCH, lora,
                    dropout(dropoutSeed, l));
        }
        model.logits(x, normed, n, logits, rstdFinal);
        double loss = CrossEntropy.forwardBackward(logits, 0, b.targets(), 0, n, V, gradScale);
        // LM head and final norm: dlogits (N, V) → dnormed (N, C) → dx (N, C)
        float[] dNormed = scratch.dLn;
        Arrays.fill(dNormed, 0, n * C, 0f);
        Matmul.backward(dNormed, dLmHead, null, logits, normed, model.weights().lmHead(), n, C, V);
        Arrays.fill(dx, 0, n * C, 0f);
        RmsNorm.backward(dx, 0, dFinalNorm, dNormed, 0, x, 0, model.weights().finalNorm(), rstdFinal, 0, n, C);
        for (int l = layers.size() - 1; l >= 0; l--) {
            LayerActivations a = activations(l);
            if (checkpointing) {
                System.arraycopy(layerInputs[l], 0, x, 0, n * C);
                layers.get(l).forward(x, n, b.pos(), a, DecoderLayer.KeyValues.IN_BATCH, lora, dropout(dropoutSeed, l));
            }
            layers.get(l).backward(dx, n, b.pos(), a, scratch, grads[l], lora);
        }
        if (dEmbed != null) {
            for (int i = 0; i < n; i++) {
                int row = b.tokens()[i] * C;
                for (int j = 0; j < C; j++) {
                    dEmbed[row + j] += dx[i * C + j];
                }
            }
        }
        return loss;
    }

    /** Σ loss over the batch's predicted tokens, without gradients. */
    public double loss(Batch b) {
        check(b);
        int n = b.n();
        List<DecoderLayer> layers = model.layers();
        model.embed(b.tokens(), n, x);
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(x, n, b.pos(), activations(l), DecoderLayer.KeyValues.IN_BATCH, lora, null);
        }
        model.logits(x, normed, n, logits, rstdFinal);
        return CrossEntropy.forwardBackward(logits, 0, b.targets(), 0, n, c.vocabSize(), 0f);
    }

    private LayerActivations activations(int layer) {
        return acts[checkpointing ? 0 : layer];
    }

    private SplittableRandom dropout(long seed, int layer) {
        return lora != null && lora.config().dropout() > 0 ? new SplittableRandom(seed * 1_000_003L + layer) : null;
    }

    private void check(Batch b) {
        if (b.n() > maxRows) {
            throw new IllegalArgumentException("batch of " + b.n() + " rows exceeds the " + maxRows + " this was built for");
        }
        for (int i = 0; i < b.n(); i++) {
            if (b.pos()[i] >= maxSeqLen || b.pos()[i] >= c.contextLength()) {
                throw new IllegalArgumentException("position " + b.pos()[i] + " exceeds the longest sequence " + maxSeqLen);
            }
            if (b.pos()[i] != (i == 0 || b.pos()[i] == 0 ? 0 : b.pos()[i - 1] + 1)) {
                throw new IllegalArgumentException("row " + i + ": positions must count up from 0 within each sequence");
            }
        }
    }
}
