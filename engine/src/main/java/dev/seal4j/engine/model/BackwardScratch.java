package dev.seal4j.engine.model;

/** Gradient buffers for one layer at a time during backward, shared by all layers. */
final class BackwardScratch {
    final float[] dLn;      // (N, C)
    final float[] dAttOut;  // (N, H·D)
    final float[] dq;       // (N, H·D)
    final float[] dk;       // (N, KVH·D)
    final float[] dv;       // (N, KVH·D)
    final float[] dkHeads;  // (N, H·D) attention: each head's dK before its group is summed
    final float[] dvHeads;  // (N, H·D) attention: each head's dV
    final float[] dHidden;  // (N, I)
    final float[] dGate;    // (N, I)
    final float[] dUp;      // (N, I)
    final float[] dNormIn;  // (N, max(H, KVH)·D) q/k-norm input gradient
    final float[] dMid;     // (N, r) LoRA
    final float[] loraIn;   // (N, max in) LoRA: dropped-out input, or dx before masking
    final float[] loraB;    // (max out, r) LoRA: unscaled dB

    BackwardScratch(ModelConfig c, int rows, LoraConfig lora) {
        int C = c.hiddenSize(), I = c.intermediateSize();
        dLn = new float[rows * C];
        dAttOut = new float[rows * c.qDim()];
        dq = new float[rows * c.qDim()];
        dk = new float[rows * c.kvDim()];
        dv = new float[rows * c.kvDim()];
        dkHeads = new float[rows * c.qDim()];
        dvHeads = new float[rows * c.qDim()];
        dHidden = new float[rows * I];
        dGate = new float[rows * I];
        dUp = new float[rows * I];
        dNormIn = c.qkNorm() ? new float[rows * Math.max(c.qDim(), c.kvDim())] : null;
        int widest = Math.max(Math.max(C, I), c.qDim());
        dMid = lora == null ? null : new float[rows * lora.rank()];
        loraIn = lora == null ? null : new float[rows * widest];
        loraB = lora == null ? null : new float[widest * lora.rank()];
    }
}
