package dev.seal4j.engine.model;

/**
 * Buffers for up to {@code rows} token rows passing through one decoder layer. Training keeps one per layer
 * (what backward needs is saved here); inference reuses a single one for every layer.
 */
final class LayerActivations {
    final int rows;
    final float[] input;     // (N, C) the layer's input (training)
    final float[] ln1;       // (N, C) input_layernorm output
    final float[] rstd1;     // (N)
    final float[] q;         // (N, H·D) after bias, q_norm and RoPE
    final float[] k;         // (N, KVH·D)
    final float[] v;         // (N, KVH·D)
    final float[] qRaw;      // (N, H·D) before q_norm (Qwen3), else null
    final float[] kRaw;      // (N, KVH·D)
    final float[] qRstd;     // (N·H)
    final float[] kRstd;     // (N·KVH)
    final float[] probs;     // (N, H, T) attention weights (training), else null
    final int probStride;    // T
    final float[] attOut;    // (N, H·D)
    final float[] mid;       // (N, C) residual after attention (training)
    final float[] ln2;       // (N, C) post_attention_layernorm output
    final float[] rstd2;     // (N)
    final float[] gate;      // (N, I)
    final float[] up;        // (N, I)
    final float[] hidden;    // (N, I) silu(gate)·up
    final float[] proj;      // (N, C) scratch for o_proj / down_proj output
    final float[][] qkv;     // {q, k, v}: the outputs of the projections of ln1
    final float[][] gateUp;  // {gate, up}: the outputs of the projections of ln2
    final float[][] loraMid;  // [target] (N, r) x·Aᵀ, or null
    final float[][] loraMask; // [target] (N, in) dropout multipliers (training with dropout), or null
    final float[] loraScratch; // (N, widest in) LoRA: dropped-out input, then scaled x·Aᵀ

    LayerActivations(ModelConfig c, int rows, int maxSeqLen, boolean training, LoraConfig lora) {
        this.rows = rows;
        int C = c.hiddenSize(), I = c.intermediateSize();
        this.input = training ? new float[rows * C] : null;
        this.ln1 = new float[rows * C];
        this.rstd1 = new float[rows];
        this.q = new float[rows * c.qDim()];
        this.k = new float[rows * c.kvDim()];
        this.v = new float[rows * c.kvDim()];
        this.qRaw = c.qkNorm() ? new float[rows * c.qDim()] : null;
        this.kRaw = c.qkNorm() ? new float[rows * c.kvDim()] : null;
        this.qRstd = c.qkNorm() ? new float[rows * c.numHeads()] : null;
        this.kRstd = c.qkNorm() ? new float[rows * c.numKvHeads()] : null;
        this.probStride = training ? maxSeqLen : 0;
        this.probs = training ? new float[rows * c.numHeads() * maxSeqLen] : null;
        this.attOut = new float[rows * c.qDim()];
        this.mid = training ? new float[rows * C] : null;
        this.ln2 = new float[rows * C];
        this.rstd2 = new float[rows];
        this.gate = new float[rows * I];
        this.up = new float[rows * I];
        this.hidden = new float[rows * I];
        this.proj = new float[rows * C];
        this.qkv = new float[][]{q, k, v};
        this.gateUp = new float[][]{gate, up};
        if (lora == null) {
            this.loraMid = null;
            this.loraMask = null;
            this.loraScratch = null;
        } else {
            this.loraScratch = new float[rows * Math.max(Math.max(C, I), c.qDim())];
            this.loraMid = new float[LoraTarget.values().length][];
            this.loraMask = training && lora.dropout() > 0 ? new float[LoraTarget.values().length][] : null;
            for (LoraTarget t : lora.targets()) {
                loraMid[t.ordinal()] = new float[rows * lora.rank()];
                if (loraMask != null) {
                    loraMask[t.ordinal()] = new float[rows * inputWidth(c, t)];
                }
            }
        }
    }

    static int inputWidth(ModelConfig c, LoraTarget t) {
        return switch (t) {
            case Q_PROJ, K_PROJ, V_PROJ, GATE_PROJ, UP_PROJ -> c.hiddenSize();
            case O_PROJ -> c.qDim();
            case DOWN_PROJ -> c.intermediateSize();
        };
    }

    static int outputWidth(ModelConfig c, LoraTarget t) {
        return switch (t) {
            case Q_PROJ -> c.qDim();
            case K_PROJ, V_PROJ -> c.kvDim();
            case O_PROJ, DOWN_PROJ -> c.hiddenSize();
            case GATE_PROJ, UP_PROJ -> c.intermediateSize();
        };
    }
}
