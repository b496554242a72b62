package dev.seal4j.engine.model;

import dev.seal4j.engine.tensor.F32Tensor;

/**
 * A trainable parameter and its gradient. Matrices live in native memory ({@code tensor}); norm weights and
 * biases are small arrays ({@code array}). Exactly one of the two is set.
 *
 * @param name  Hugging Face (full fine-tuning) or PEFT (LoRA) key
 * @param grad  same number of elements, accumulated by backward
 * @param decay whether weight decay applies (weight matrices yes; norm weights and biases no, as the
 *              Hugging Face trainer does)
 */
public record Parameter(String name, F32Tensor tensor, float[] array, float[] grad, boolean decay) {
    public Parameter {
        if ((tensor == null) == (array == null)) {
            throw new IllegalArgumentException("a parameter is either a tensor or an array: " + name);
        }
        long size = tensor != null ? tensor.size() : array.length;
        if (grad.length != size) {
            throw new IllegalArgumentException("gradient of " + name + " has " + grad.length + " elements, not " + size);
        }
    }

    public int size() {
        return tensor != null ? Math.toIntExact(tensor.size()) : array.length;
    }

    /** values[0..size) = the parameter. */
    public void read(float[] values) {
        if (tensor != null) {
            tensor.dequantize(0, values, 0, size());
        } else {
            System.arraycopy(array, 0, values, 0, array.length);
        }
    }

    /** The parameter = values[0..size). */
    public void write(float[] values) {
        if (tensor != null) {
            tensor.copyFrom(values, 0, 0, size());
        } else {
            System.arraycopy(values, 0, array, 0, array.length);
        }
    }
}
