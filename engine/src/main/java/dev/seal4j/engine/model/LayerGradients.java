package dev.seal4j.engine.model;

/**
 * Gradients of one layer's trainable parameters, each shaped like its parameter; null where the parameter
 * is frozen. Full fine-tuning fills the weight fields, LoRA the {@code loraA}/{@code loraB} entries.
 */
final class LayerGradients {
    float[] attnNorm, wq, wk, wv, wo, bq, bk, bv, bo, qNorm, kNorm, mlpNorm, wGate, wUp, wDown;
    final float[][] loraA = new float[LoraTarget.values().length][]; // [target] (r, in)
    final float[][] loraB = new float[LoraTarget.values().length][]; // [target] (out, r)

    /** The weight-matrix gradient for a target, or null. */
    float[] matrix(LoraTarget t) {
        return switch (t) {
            case Q_PROJ -> wq;
            case K_PROJ -> wk;
            case V_PROJ -> wv;
            case O_PROJ -> wo;
            case GATE_PROJ -> wGate;
            case UP_PROJ -> wUp;
            case DOWN_PROJ -> wDown;
        };
    }
}
