package dev.seal4j.engine.format;

import dev.seal4j.engine.model.Checkpoint;
import dev.seal4j.engine.model.ModelConfig;
import dev.seal4j.engine.model.ModelConfig.RopeStyle;
import dev.seal4j.engine.model.WeightTable.Global;
import dev.seal4j.engine.model.WeightTable.Layer;
import dev.seal4j.engine.tensor.DType;
import dev.seal4j.engine.tensor.Tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karpathy's llama2.c legacy checkpoint (.bin from export.py's version 0): seven int32 — dim, hidden_dim,
 * n_layers, n_heads, n_kv_heads, vocab_size (negative when the classifier is not shared), seq_len — then
 * float32 weights grouped by kind across layers: token embedding (vocab, dim), attention RMSNorm (layer, dim),
 * wq (layer, n_heads·head_size, dim), wk and wv (layer, n_kv_heads·head_size, dim), wo (layer, dim,
 * n_heads·head_size), FFN RMSNorm (layer, dim), w1 (layer, hidden, dim), w2 (layer, dim, hidden),
 * w3 (layer, hidden, dim), final RMSNorm (dim), two unused RoPE tables (seq_len, head_size/2), and wcls
 * (vocab, dim) when not shared. Every matrix is PyTorch's (out, in), our row-major convention.
 *
 * <p>Each layer's weights become one view into the mapped file under Hugging Face names. llama2.c's
 * RoPE rotates adjacent pairs ({@link RopeStyle#PAIRS}); RMSNorm epsilon is 1e-5, theta 10000, BOS 1, EOS 2.
 */
public final class Llama2c {
    private static final int HEADER_BYTES = 7 * Integer.BYTES;
    /** Files from export.py's versions 1 and 2 start with "ak42". */
    private static final int VERSIONED_MAGIC = 0x616b3432;
    /** The per-layer weights in the file's order, each stored for every layer before the next: w1, w2, w3 are gate, down, up. */
    private static final List<Layer> LAYER_ORDER = List.of(Layer.ATTN_NORM, Layer.Q_PROJ, Layer.K_PROJ, Layer.V_PROJ,
            Layer.O_PROJ, Layer.MLP_NORM, Layer.GATE_PROJ, Layer.DOWN_PROJ, Layer.UP_PROJ);

    private Llama2c() {
    }

    /** Maps {@code file} and reads it as a model; the checkpoint owns the mapping. */
    public static Checkpoint open(Path file) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment data = MappedFiles.map(file, arena);
            SegmentCursor in = new SegmentCursor(file, data);
            in.reading("the llama2.c header");
            int dim = in.i32();
            if (dim == VERSIONED_MAGIC) {
                throw in.error("is a versioned llama2.c export (magic \"ak42\"); only the legacy format "
                        + "(export.py --version 0) is supported");
            }
            int hidden = in.i32(), layers = in.i32(), heads = in.i32(), kvHeads = in.i32();
            int signedVocab = in.i32(), seqLen = in.i32();
            ModelConfig config = config(in, dim, hidden, layers, heads, kvHeads, signedVocab, seqLen);
            Map<String, Tensor> tensors = tensors(in, data, config);
            return new Checkpoint(file, config, tensors, arena);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static ModelConfig config(SegmentCursor in, int dim, int hidden, int layers, int heads, int kvHeads,
                                      int signedVocab, int seqLen) {
        String header = "header (dim " + dim + ", hidden_dim " + hidden + ", n_layers " + layers + ", n_heads " + heads
                + ", n_kv_heads " + kvHeads + ", vocab_size " + signedVocab + ", seq_len " + seqLen + ")";
        if (dim <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || signedVocab == 0
                || signedVocab == Integer.MIN_VALUE || seqLen <= 0 || dim % heads != 0) {
            throw in.error(header + " is not a llama2.c model (not a llama2.c file?)");
        }
        try {
            return new ModelConfig("LlamaForCausalLM", dim, hidden, layers, heads, kvHeads, dim / heads,
                    Math.abs(signedVocab), seqLen, 1e-5f, 10000f, null, RopeStyle.PAIRS, signedVocab > 0,
                    false, false, 1, List.of(2));
        } catch (IllegalArgumentException e) {
            throw in.error(header + ": " + e.getMessage());
        }
    }

    private static Map<String, Tensor> tensors(SegmentCursor in, MemorySegment data, ModelConfig c) {
        long dim = c.hiddenSize(), vocab = c.vocabSize();
        int layers = c.numLayers();
        long rope = (long) c.contextLength() * c.headDim();
        long expected;
        try {
            long perLayer = 0;
            for (Layer p : LAYER_ORDER) {
                perLayer = Math.addExact(perLayer, elements(p.shape(c)));
            }
            long floats = Math.addExact(Math.addExact(Math.multiplyExact(layers, perLayer),
                    Math.multiplyExact(c.tieWordEmbeddings() ? 1 : 2, elements(Global.EMBED.shape(c)))), dim + rope);
            expected = Math.addExact(HEADER_BYTES, Math.multiplyExact(Float.BYTES, floats));
        } catch (ArithmeticException e) {
            throw in.error("header describes a model too large to exist");
        }
        if (expected != data.byteSize()) {
            throw in.error("header (dim " + dim + ", " + layers + " layers, vocab " + vocab + (c.tieWordEmbeddings()
                    ? ", shared" : ", separate") + " classifier, seq_len " + c.contextLength() + ") needs " + expected
                    + " bytes but the file has " + data.byteSize() + " (not a legacy llama2.c file?)");
        }
        Slicer s = new Slicer(data);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put(Global.EMBED.hfName, s.next(Global.EMBED.shape(c)));
        for (Layer p : LAYER_ORDER) {
            for (int l = 0; l < layers; l++) {
                t.put(p.hfName(l), s.next(p.shape(c)));
            }
        }
        t.put(Global.FINAL_NORM.hfName, s.next(Global.FINAL_NORM.shape(c)));
        s.next(rope); // freq_cis_real and freq_cis_imag, recomputed by the model
        if (!c.tieWordEmbeddings()) {
            t.put(Global.LM_HEAD.hfName, s.next(Global.LM_HEAD.shape(c)));
        }
        return t;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Consecutive float32 tensors of the mapped file, after the header. */
    private static final class Slicer {
        private final MemorySegment data;
        private long at = HEADER_BYTES;

        Slicer(MemorySegment data) {
            this.data = data;
        }

        Tensor next(long... shape) {
            long bytes = Float.BYTES * elements(shape);
            Tensor t = Tensor.of(DType.F32, data.asSlice(at, bytes), shape);
            at += bytes;
            return t;
        }
    }
}
