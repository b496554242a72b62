package dev.seal4j.engine.format;

import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.tensor.Tensor;

import java.nio.file.Path;

/**
 * Llama 3 RoPE scaling as llama.cpp stores it: instead of parameters, GGUF files carry rope_freqs.weight,
 * one divisor per rotated pair (head_dim / 2 of them) by which that pair's frequency is divided. llama.cpp's
 * converter computes them with the original context length fixed at 8192 (it does not find the config's
 * value), and every Llama 3.x release uses low_freq_factor 1 and high_freq_factor 4; so we take the
 * scaling factor from the largest divisor, assume those three, and check every divisor against them.
 */
final class Llama3RopeFactors {
    static final float LOW_FREQ_FACTOR = 1f;
    static final float HIGH_FREQ_FACTOR = 4f;
    static final int ORIGINAL_CONTEXT = 8192;

    private Llama3RopeFactors() {
    }

    /** The scaling that produced {@code ropeFreqs}, or null when it is the identity. */
    static RopeScaling infer(Path file, Tensor ropeFreqs, float theta, int headDim) {
        if (ropeFreqs.rank() != 1 || ropeFreqs.size() != headDim / 2) {
            throw BadInput.inFile(file, "rope_freqs.weight must hold head_dim/2 = " + headDim / 2
                    + " values, has shape " + java.util.Arrays.toString(ropeFreqs.shape()));
        }
        float[] stored = ropeFreqs.toFloatArray();
        float factor = 1f;
        for (float v : stored) {
            if (!(v >= 1f && v <= 1e6f)) {
                throw BadInput.inFile(file, "rope_freqs.weight holds " + v + "; Llama 3 divisors are at least 1");
            }
            factor = Math.max(factor, v);
        }
        if (factor == 1f) {
            return null;
        }
        RopeScaling scaling = new RopeScaling(factor, LOW_FREQ_FACTOR, HIGH_FREQ_FACTOR, ORIGINAL_CONTEXT);
        float[] expected = divisors(scaling, theta, headDim);
        for (int i = 0; i < stored.length; i++) {
            if (Math.abs(stored[i] - expected[i]) > 1e-3f * factor) {
                throw BadInput.inFile(file, "rope_freqs.weight[" + i + "] = " + stored[i]
                        + " does not match Llama 3 scaling (factor " + factor + ", low_freq_factor 1, high_freq_factor 4,"
                        + " original context 8192), which would give " + expected[i] + "; other scalings are not supported");
            }
        }
        return scaling;
    }

    /**
     * Per pair i of a head, the divisor Llama 3 scaling applies to the frequency theta^(-2i/headDim):
     * 1 for short wavelengths, factor for long ones, and a smooth blend between.
     */
    static float[] divisors(RopeScaling s, float theta, int headDim) {
        double lowWavelength = s.originalContextLength() / s.lowFreqFactor();
        double highWavelength = s.originalContextLength() / s.highFreqFactor();
        float[] out = new float[headDim / 2];
        for (int i = 0; i < out.length; i++) {
            double wavelength = 2 * Math.PI * Math.pow(theta, 2.0 * i / headDim);
            if (wavelength < highWavelength) {
                out[i] = 1f;
            } else if (wavelength > lowWavelength) {
                out[i] = s.factor();
            } else {
                double smooth = (s.originalContextLength() / wavelength - s.lowFreqFactor())
                        / (s.highFreqFactor() - s.lowFreqFactor());
                out[i] = (float) (1 / ((1 - smooth) / s.factor() + smooth));
            }
        }
        return out;
    }
}
