package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeScaling;
import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Kind;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.model.WeightTable.When;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;
import dev.seal4j.engine.tokenizer.Tokenizer;
import dev.seal4j.engine.tokenizer.Tokenizers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a loaded model as a GGUF file that llama.cpp runs with nothing else: llama.cpp's architecture name
 * and hyper-parameters, the tokenizer with its chat template (tokenizer.*), and every weight of the
 * {@link dev.seal4j.engine.model.WeightTable} under its GGUF name — matrices in the chosen type, norms and
 * biases in F32 (as llama.cpp keeps them), q/k rows in the architecture's RoPE order ({@link RopeRows}), Llama
 * 3 RoPE scaling as rope_freqs.weight. The file appears complete or not at all.
 */
public final class GgufExport {
    /** Hugging Face architecture → llama.cpp's (Mistral's dense models are llama models to llama.cpp). */
    private static final Map<String, String> ARCHITECTURES = Map.of("LlamaForCausalLM", "llama",
            "MistralForCausalLM", "llama", "Qwen2ForCausalLM", "qwen2", "Qwen3ForCausalLM", "qwen3");

    private GgufExport() {
    }

    /** What weight matrices are stored as. */
    public enum Quantization {
        F32(DType.F32), F16(DType.F16), BF16(DType.BF16), Q8_0(DType.Q8_0), Q4_0(DType.Q4_0), Q4_K(DType.Q4_K);

        public final DType dtype;

        Quantization(DType dtype) {
            this.dtype = dtype;
        }

        /** "q4_k", as the command line spells it. */
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type of a matrix with rows of {@code rowLength}: this one, or the closest that fits (Q8_0, then F16). */
        DType forRows(long rowLength) {
            for (DType t : new DType[] {dtype, DType.Q8_0, DType.F16}) {
                if (rowLength % t.blockSize == 0 && (t == dtype || t.blockSize <= dtype.blockSize)) {
                    return t;
                }
            }
            return DType.F16;
        }
    }

    /**
     * What was written.
     *
     * @param tensorsByType how many tensors each stored type holds
     * @param fellBack      matrices stored in another type than asked for, because their rows are not whole blocks
     */
    public record Summary(Path file, long bytes, Map<DType, Integer> tensorsByType, List<String> fellBack) {
    }

    /**
     * Writes {@code source} with {@code tokenizer} to {@code file} (replaced if it exists).
     *
     * @param name general.name
     * @throws BadInputException when the model or tokenizer has something GGUF or llama.cpp cannot express
     */
    public static Summary write(Checkpoint source, Tokenizer tokenizer, Path file, Quantization quantization, String name) {
        ModelConfig c = source.config();
        String arch = ARCHITECTURES.get(c.architecture());
        if (arch == null) {
            throw new BadInputException(source.source() + ": no GGUF architecture for " + c.architecture());
        }
        if (arch.equals("qwen2") && !c.attentionBias()) {
            throw new BadInputException(source.source() + ": llama.cpp's qwen2 needs q/k/v biases, which this model lacks");
        }
        GgufWriter w = new GgufWriter();
        w.putString(GgufModelKeys.ARCHITECTURE, arch).putString(GgufModelKeys.NAME, name);
        hyperParameters(w, new GgufModelKeys(arch), c);
        int bos = tokenizer.bosId() >= 0 ? tokenizer.bosId() : c.bosTokenId();
        Set<Integer> eos = new LinkedHashSet<>(tokenizer.eosIds());
        eos.addAll(c.eosTokenIds());
        Tokenizers.toGguf(tokenizer, c.vocabSize(), bos, List.copyOf(eos)).forEach(w::putValue);

        Map<DType, Integer> byType = new TreeMap<>();
        List<String> fellBack = new ArrayList<>();
        Tensors t = new Tensors(source, w, quantization, GgufModel.ropeStyle(arch), byType, fellBack);
        t.add(Global.EMBED.ggufName, Global.EMBED.hfName, Kind.MATRIX, false);
        if (c.ropeScaling() != null) {
            t.vector(GgufModel.ROPE_FREQS, ropeFreqs(source, c));
        }
        for (int l = 0; l < c.numLayers(); l++) {
            for (Layer p : Layer.values()) {
                if (p.when.required(c) || p.when == When.IF_PRESENT && source.has(p.hfName(l))) {
                    t.add(p.ggufName(l), p.hfName(l), p.kind, p.ropeRows);
                }
            }
        }
        t.add(Global.FINAL_NORM.ggufName, Global.FINAL_NORM.hfName, Kind.NORM, false);
        if (!c.tieWordEmbeddings()) {
            t.add(Global.LM_HEAD.ggufName, Global.LM_HEAD.hfName, Kind.MATRIX, false);
        }
        long bytes = w.write(file);
        return new Summary(file, bytes, byType, fellBack);
    }

    private static void hyperParameters(GgufWriter w, GgufModelKeys k, ModelConfig c) {
        w.putUInt32(k.contextLength(), c.contextLength())
                .putUInt32(k.embeddingLength(), c.hiddenSize())
                .putUInt32(k.blockCount(), c.numLayers())
                .putUInt32(k.feedForwardLength(), c.intermediateSize())
                .putUInt32(k.headCount(), c.numHeads())
                .putUInt32(k.headCountKv(), c.numKvHeads())
                .putUInt32(k.keyLength(), c.headDim())
                .putUInt32(k.valueLength(), c.headDim())
                .putUInt32(k.ropeDimensionCount(), c.headDim())
                .putFloat32(k.ropeFreqBase(), c.ropeTheta())
                .putFloat32(k.rmsEpsilon(), c.rmsNormEps())
                .putUInt32(k.vocabSize(), c.vocabSize());
    }

    /**
     * Llama 3 scaling as rope_freqs.weight. The file holds only the divisors, from which readers recover the
     * factor as the largest one and assume llama.cpp's other parameters; a scaling they would read back
     * differently is refused.
     */
    private static float[] ropeFreqs(Checkpoint source, ModelConfig c) {
        RopeScaling s = c.ropeScaling();
        float[] divisors = Llama3RopeFactors.divisors(s, c.ropeTheta(), c.headDim());
        float largest = 0f;
        for (float d : divisors) {
            largest = Math.max(largest, d);
        }
        if (s.lowFreqFactor() != Llama3RopeFactors.LOW_FREQ_FACTOR || s.highFreqFactor() != Llama3RopeFactors.HIGH_FREQ_FACTOR
                || s.originalContextLength() != Llama3RopeFactors.ORIGINAL_CONTEXT || largest != s.factor()) {
            throw new BadInputException(source.source() + ": this Llama 3 RoPE scaling (factor " + s.factor()
                    + ", low_freq_factor " + s.lowFreqFactor() + ", high_freq_factor " + s.highFreqFactor()
                    + ", original context " + s.originalContextLength() + ", largest divisor " + largest
                    + ") cannot be written to GGUF, whose readers assume 1, 4, 8192 and a divisor equal to the factor");
        }
        return divisors;
    }

    /** Adds the source's tensors to the writer, converted as {@link GgufExport} says. */
    private record Tensors(Checkpoint source, GgufWriter w, Quantization quantization, ModelConfig.RopeStyle ropeStyle,
                           Map<DType, Integer> byType, List<String> fellBack) {
        void add(String ggufName, String hfName, Kind kind, boolean ropeRows) {
            Tensor t = source.tensor(hfName);
            ModelConfig c = source.config();
            int[] order = !ropeRows ? null : RopeRows.order(c.ropeStyle(), ropeStyle,
                    Math.toIntExact(kind == Kind.MATRIX ? t.rows() : t.size()), c.headDim());
            if (kind != Kind.MATRIX) {
                float[] v = t.toFloatArray();
                vector(ggufName, order == null ? v : RopeRows.reorder(v, order));
                return;
            }
            DType dtype = quantization.forRows(t.cols());
            if (dtype != quantization.dtype) {
                fellBack.add(ggufName + " as " + dtype + " (rows of " + t.cols() + ")");
            }
            TensorData data = TensorData.of(t, dtype);
            put(ggufName, order == null ? data : data.withRowOrder(order));
        }

        void vector(String ggufName, float[] values) {
            put(ggufName, TensorData.of(values, DType.F32, values.length));
        }

        private void put(String ggufName, TensorData data) {
            w.tensor(ggufName, data);
            byType.merge(data.dtype(), 1, Integer::sum);
        }
    }
}
