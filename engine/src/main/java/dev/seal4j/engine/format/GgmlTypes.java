package dev.seal4j.engine.format;

import dev.seal4j.engine.tensor.DType;

import java.util.Map;

/** ggml's tensor type numbers, as GGUF tensor infos store them, and which of them we read. */
final class GgmlTypes {
    private static final Map<Integer, DType> SUPPORTED = Map.of(
            0, DType.F32, 1, DType.F16, 2, DType.Q4_0, 8, DType.Q8_0, 12, DType.Q4_K, 14, DType.Q6_K, 30, DType.BF16);
    /** Names of the types ggml defines, for error messages. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "F32"), Map.entry(1, "F16"), Map.entry(2, "Q4_0"), Map.entry(3, "Q4_1"),
            Map.entry(6, "Q5_0"), Map.entry(7, "Q5_1"), Map.entry(8, "Q8_0"), Map.entry(9, "Q8_1"),
            Map.entry(10, "Q2_K"), Map.entry(11, "Q3_K"), Map.entry(12, "Q4_K"), Map.entry(13, "Q5_K"),
            Map.entry(14, "Q6_K"), Map.entry(15, "Q8_K"), Map.entry(16, "IQ2_XXS"), Map.entry(17, "IQ2_XS"),
            Map.entry(18, "IQ3_XXS"), Map.entry(19, "IQ1_S"), Map.entry(20, "IQ4_NL"), Map.entry(21, "IQ3_S"),
            Map.entry(22, "IQ2_S"), Map.entry(23, "IQ4_XS"), Map.entry(24, "I8"), Map.entry(25, "I16"),
            Map.entry(26, "I32"), Map.entry(27, "I64"), Map.entry(28, "F64"), Map.entry(29, "IQ1_M"),
            Map.entry(30, "BF16"), Map.entry(34, "TQ1_0"), Map.entry(35, "TQ2_0"), Map.entry(39, "MXFP4"));

    private GgmlTypes() {
    }

    /** The dtype of ggml type {@code id}, or null when we cannot read it. */
    static DType dtype(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE ? SUPPORTED.get((int) id) : null;
    }

    static int id(DType dtype) {
        return SUPPORTED.entrySet().stream().filter(e -> e.getValue() == dtype).findFirst().orElseThrow().getKey();
    }

    /** "Q5_K (13)", or "unknown type 77". */
    static String describe(long id) {
        String name = id >= 0 && id <= Integer.MAX_VALUE ? NAMES.get((int) id) : null;
        return name == null ? "unknown type " + id : name + " (" + id + ")";
    }

    static String supported() {
        return "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K";
    }
}
