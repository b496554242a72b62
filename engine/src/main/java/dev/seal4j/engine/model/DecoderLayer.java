package dev.seal4j.engine.model;

import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.Attention;
import dev.seal4j.engine.tensor.Gemm;
import dev.seal4j.engine.tensor.Matmul;
import dev.seal4j.engine.tensor.RmsNorm;
import dev.seal4j.engine.tensor.Rope;
import dev.seal4j.engine.tensor.SwiGlu;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.tensor.VectorMath;

import java.util.SplittableRandom;

/**
 * One pre-norm decoder layer (Llama, Mistral, Qwen2, Qwen3), forward and backward side by side:
 * <pre>
 *   x ← x + o_proj(attention(rope(norm_qk(q_proj(ln1))), rope(norm_qk(k_proj(ln1))), v_proj(ln1)))   ln1 = rmsnorm(x)
 *   x ← x + down_proj(silu(gate_proj(ln2)) · up_proj(ln2))                                             ln2 = rmsnorm(x)
 * </pre>
 * Every projection may carry a LoRA branch. Rows are ragged sequences (see {@link Attention}).
 */
final class DecoderLayer {
    private final ModelConfig c;
    private final LayerWeights w;
    private final int layer;
    private final Rope rope;

    private static final float[][] NO_BIASES = new float[2][];
    private final Tensor[] qkvWeights, gateUpWeights;
    private final float[][] qkvBiases;

    DecoderLayer(ModelConfig c, LayerWeights w, int layer, Rope rope) {
        this.c = c;
        this.w = w;
        this.layer = layer;
        this.rope = rope;
        this.qkvWeights = new Tensor[]{w.wq(), w.wk(), w.wv()};
        this.qkvBiases = new float[][]{w.bq(), w.bk(), w.bv()};
        this.gateUpWeights = new Tensor[]{w.wGate(), w.wUp()};
    }

    /** How attention finds keys and values: the batch itself (training) or per-row caches (inference). */
    record KeyValues(KvCache[] caches, float[][] keysScratch, float[][] valuesScratch) {
        static final KeyValues IN_BATCH = new KeyValues(null, null, null);
    }

    /**
     * x (N, C) ← layer(x). With {@code dropout} non-null (training), LoRA dropout masks are drawn from it and
     * everything backward needs is kept in {@code a}.
     */
    void forward(float[] x, int n, int[] pos, LayerActivations a, KeyValues kv, LoraAdapter lora,
                 SplittableRandom dropout) {
        int C = c.hiddenSize(), I = c.intermediateSize(), H = c.numHeads(), KVH = c.numKvHeads(), D = c.headDim();
        boolean training = a.input != null;
        if (training) {
            System.arraycopy(x, 0, a.input, 0, n * C);
        }
        // attention block
        RmsNorm.forward(a.ln1, 0, a.rstd1, 0, x, 0, w.attnNorm(), n, C, c.rmsNormEps());
        Matmul.forwardShared(a.ln1, n, C, qkvWeights, qkvBiases, a.qkv);
        loraBranch(a.q, a.ln1, LoraTarget.Q_PROJ, n, a, lora, dropout);
        loraBranch(a.k, a.ln1, LoraTarget.K_PROJ, n, a, lora, dropout);
        loraBranch(a.v, a.ln1, LoraTarget.V_PROJ, n, a, lora, dropout);
        if (c.qkNorm()) {
            System.arraycopy(a.q, 0, a.qRaw, 0, n * c.qDim());
            System.arraycopy(a.k, 0, a.kRaw, 0, n * c.kvDim());
            RmsNorm.forward(a.q, 0, a.qRstd, 0, a.qRaw, 0, w.qNorm(), n * H, D, c.rmsNormEps());
            RmsNorm.forward(a.k, 0, a.kRstd, 0, a.kRaw, 0, w.kNorm(), n * KVH, D, c.rmsNormEps());
        }
        rope.forward(a.q, 0, n, H, pos, 0);
        rope.forward(a.k, 0, n, KVH, pos, 0);
        if (kv.caches() == null) {
            Attention.forward(a.attOut, a.q, a.k, a.v, a.probs, a.probStride, pos, n, H, KVH, D);
        } else {
            int kvDim = c.kvDim();
            for (int i = 0; i < n; i++) {
                KvCache cache = kv.caches()[i];
                System.arraycopy(a.k, i * kvDim, cache.keys(layer), pos[i] * kvDim, kvDim);
                System.arraycopy(a.v, i * kvDim, cache.values(layer), pos[i] * kvDim, kvDim);
                kv.keysScratch()[i] = cache.keys(layer);
                kv.valuesScratch()[i] = cache.values(layer);
            }
            Attention.forwardCached(a.attOut, a.q, kv.keysScratch(), kv.valuesScratch(), pos, n, H, KVH, D);
        }
        linear(a.proj, a.attOut, LoraTarget.O_PROJ, w.bo(), n, a, lora, dropout);
        VectorMath.add(a.proj, 0, x, 0, n * C);
        if (training) {
            System.arraycopy(x, 0, a.mid, 0, n * C);
        }
        // MLP block
        RmsNorm.forward(a.ln2, 0, a.rstd2, 0, x, 0, w.mlpNorm(), n, C, c.rmsNormEps());
        Matmul.forwardShared(a.ln2, n, C, gateUpWeights, NO_BIASES, a.gateUp);
        loraBranch(a.gate, a.ln2, LoraTarget.GATE_PROJ, n, a, lora, dropout);
        loraBranch(a.up, a.ln2, LoraTarget.UP_PROJ, n, a, lora, dropout);
        SwiGlu.forward(a.hidden, a.gate, a.up, n * I);
        linear(a.proj, a.hidden, LoraTarget.DOWN_PROJ, null, n, a, lora, dropout);
        VectorMath.add(a.proj, 0, x, 0, n * C);
    }

    /**
     * Backward of {@link #forward}: dx (N, C) holds ∂L/∂output on entry and ∂L/∂input on exit; parameter
     * gradients accumulate into g (null fields are frozen).
     */
    void backward(float[] dx, int n, int[] pos, LayerActivations a, BackwardScratch s, LayerGradients g,
                  LoraAdapter lora) {
        int C = c.hiddenSize(), I = c.intermediateSize(), H = c.numHeads(), KVH = c.numKvHeads(), D = c.headDim();
        // MLP block: x_out = mid + down(hidden)
        zero(s.dHidden, n * I);
        linearBackward(s.dHidden, dx, a.hidden, LoraTarget.DOWN_PROJ, null, n, a, s, g, lora);
        SwiGlu.backward(s.dGate, s.dUp, s.dHidden, a.gate, a.up, n * I);
        zero(s.dLn, n * C);
        linearBackward(s.dLn, s.dGate, a.ln2, LoraTarget.GATE_PROJ, null, n, a, s, g, lora);
        linearBackward(s.dLn, s.dUp, a.ln2, LoraTarget.UP_PROJ, null, n, a, s, g, lora);
        RmsNorm.backward(dx, 0, g.of(Layer.MLP_NORM), s.dLn, 0, a.mid, 0, w.mlpNorm(), a.rstd2, 0, n, C);
        // attention block: mid = input + o(attOut)
        zero(s.dAttOut, n * c.qDim());
        linearBackward(s.dAttOut, dx, a.attOut, LoraTarget.O_PROJ, g.of(Layer.O_BIAS), n, a, s, g, lora);
        zero(s.dq, n * c.qDim());
        zero(s.dk, n * c.kvDim());
        zero(s.dv, n * c.kvDim());
        Attention.backward(s.dq, s.dk, s.dv, s.dAttOut, a.q, a.k, a.v, a.probs, a.probStride, pos, n, H, KVH, D,
                s.dkHeads, s.dvHeads);
        rope.backward(s.dq, 0, n, H, pos, 0);
        rope.backward(s.dk, 0, n, KVH, pos, 0);
        if (c.qkNorm()) {
            normBackward(s.dq, a.qRaw, w.qNorm(), a.qRstd, g.of(Layer.Q_NORM), n * H, s);
            normBackward(s.dk, a.kRaw, w.kNorm(), a.kRstd, g.of(Layer.K_NORM), n * KVH, s);
        }
        zero(s.dLn, n * C);
        linearBackward(s.dLn, s.dq, a.ln1, LoraTarget.Q_PROJ, g.of(Layer.Q_BIAS), n, a, s, g, lora);
        linearBackward(s.dLn, s.dk, a.ln1, LoraTarget.K_PROJ, g.of(Layer.K_BIAS), n, a, s, g, lora);
        linearBackward(s.dLn, s.dv, a.ln1, LoraTarget.V_PROJ, g.of(Layer.V_BIAS), n, a, s, g, lora);
        RmsNorm.backward(dx, 0, g.of(Layer.ATTN_NORM), s.dLn, 0, a.input, 0, w.attnNorm(), a.rstd1, 0, n, C);
    }

    /** Per-head RMSNorm backward in place: d (rows, D) becomes the gradient of the norm's input. */
    private void normBackward(float[] d, float[] raw, float[] weight, float[] rstd, float[] dWeight, int rows,
                              BackwardScratch s) {
        int D = c.headDim();
        zero(s.dNormIn, rows * D);
        RmsNorm.backward(s.dNormIn, 0, dWeight, d, 0, raw, 0, weight, rstd, 0, rows, D);
        System.arraycopy(s.dNormIn, 0, d, 0, rows * D);
    }

    /**
     * y (N, out) = x · Wᵀ + bias, plus scale · (x̃·Aᵀ)·Bᵀ when LoRA adapts this target (x̃ = x with dropout
     * while training). Keeps x̃·Aᵀ (and the dropout mask) for backward.
     */
    private void linear(float[] y, float[] x, LoraTarget t, float[] bias, int n, LayerActivations a,
                        LoraAdapter lora, SplittableRandom dropout) {
        Tensor weight = w.matrix(t);
        Matmul.forward(y, x, weight, bias, n, weight.cols(), weight.rows());
        loraBranch(y, x, t, n, a, lora, dropout);
    }

    /** y (N, out) += scale · (x̃·Aᵀ)·Bᵀ when LoRA adapts target t; see {@link #linear}. */
    private void loraBranch(float[] y, float[] x, LoraTarget t, int n, LayerActivations a, LoraAdapter lora,
                            SplittableRandom dropout) {
        if (lora == null || !lora.has(layer, t)) {
            return;
        }
        Tensor weight = w.matrix(t);
        int in = weight.cols(), out = weight.rows();
        int r = lora.config().rank();
        float[] mid = a.loraMid[t.ordinal()];
        float[] mask = a.loraMask == null ? null : a.loraMask[t.ordinal()];
        if (mask != null && dropout != null) {
            float p = lora.config().dropout(), keep = 1f / (1f - p);
            float[] dropped = a.loraScratch;
            for (int i = 0; i < n * in; i++) {
                mask[i] = dropout.nextFloat() < p ? 0f : keep;
                dropped[i] = x[i] * mask[i];
            }
            Matmul.forward(mid, dropped, lora.a(layer, t), null, n, in, r);
        } else {
            Matmul.forward(mid, x, lora.a(layer, t), null, n, in, r);
        }
        float[] scaled = a.loraScratch;
        System.arraycopy(mid, 0, scaled, 0, n * r);
        VectorMath.scale(scaled, 0, lora.scale(), n * r);
        Matmul.forwardAccumulate(y, scaled, lora.b(layer, t), n, r, out);
    }

    /**
     * Backward of {@link #linear}: dx (N, in) += ∂L/∂x; weight, bias and LoRA gradients accumulate into g.
     * LoRA: dB += s·dyᵀ·mid, dMid = s·dy·B, dA += dMidᵀ·x̃, dx += (dMid·A) ⊙ mask.
     */
    private void linearBackward(float[] dx, float[] dy, float[] x, LoraTarget t, float[] dBias, int n,
                                LayerActivations a, BackwardScratch s, LayerGradients g, LoraAdapter lora) {
        Tensor weight = w.matrix(t);
        int in = weight.cols(), out = weight.rows();
        Matmul.backward(dx, g.matrix(t), dBias, dy, x, weight, n, in, out);
        if (lora == null || !lora.has(layer, t)) {
            return;
        }
        int r = lora.config().rank();
        float scale = lora.scale();
        float[] mid = a.loraMid[t.ordinal()];
        float[] mask = a.loraMask == null ? null : a.loraMask[t.ordinal()];
        // dB (out, r) += s · dyᵀ · mid
        Gemm.multiply(out, r, n, new Gemm.DenseT(dy, 0, out), new Gemm.Dense(mid, 0, r), s.loraB, 0, r, false);
        VectorMath.axpy(scale, s.loraB, 0, g.loraB[t.ordinal()], 0, out * r);
        // dMid (N, r) = s · dy · B
        Gemm.multiply(n, r, out, new Gemm.Dense(dy, 0, out), new Gemm.Weight(lora.b(layer, t)), s.dMid, 0, r, false);
        VectorMath.scale(s.dMid, 0, scale, n * r);
        // dA (r, in) += dMidᵀ · x̃
        float[] xIn = x;
        if (mask != null) {
            xIn = s.loraIn;
            for (int i = 0; i < n * in; i++) {
                xIn[i] = x[i] * mask[i];
            }
        }
        Gemm.multiply(r, in, n, new Gemm.DenseT(s.dMid, 0, r), new Gemm.Dense(xIn, 0, in), g.loraA[t.ordinal()], 0, in, true);
        // dx += (dMid · A) ⊙ mask
        if (mask == null) {
            Gemm.multiply(n, in, r, new Gemm.Dense(s.dMid, 0, r), new Gemm.Weight(lora.a(layer, t)), dx, 0, in, true);
        } else {
            Gemm.multiply(n, in, r, new Gemm.Dense(s.dMid, 0, r), new Gemm.Weight(lora.a(layer, t)), s.loraIn, 0, in, false);
            for (int i = 0; i < n * in; i++) {
                dx[i] += s.loraIn[i] * mask[i];
            }
        }
    }

    private static void zero(float[] x, int n) {
        java.util.Arrays.fill(x, 0, n, 0f);
    }
}
