package dev.seal4j.engine.model;

import dev.seal4j.engine.model.WeightTable.Layer;

/**
 * Gradients of one layer's trainable parameters, each shaped like its parameter; null where the parameter
 * is frozen or absent. Full fine-tuning fills the weight entries, LoRA the {@code loraA}/{@code loraB} entries.
 */
final class LayerGradients {
    final float[][] weights = new float[Layer.values().length][];       // [table entry] like the weight
    final float[][] loraA = new float[LoraTarget.values().length][]; // [target] (r, in)
    final float[][] loraB = new float[LoraTarget.values().length][]; // [target] (out, r)

    /** The gradient of weight {@code p}, or null. */
    float[] of(Layer p) {
        return weights[p.ordinal()];
    }

    /** The weight-matrix gradient for a target, or null. */
    float[] matrix(LoraTarget t) {
        return of(t.weight);
    }
}
