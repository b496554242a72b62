package dev.seal4j.engine.model;

import dev.seal4j.engine.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The linear layers LoRA can adapt, named as PEFT's target_modules names them. */
public enum LoraTarget {
    Q_PROJ(WeightTable.Layer.Q_PROJ), K_PROJ(WeightTable.Layer.K_PROJ), V_PROJ(WeightTable.Layer.V_PROJ),
    O_PROJ(WeightTable.Layer.O_PROJ), GATE_PROJ(WeightTable.Layer.GATE_PROJ), UP_PROJ(WeightTable.Layer.UP_PROJ),
    DOWN_PROJ(WeightTable.Layer.DOWN_PROJ);

    /** The weight matrix it adapts. */
    public final WeightTable.Layer weight;

    LoraTarget(WeightTable.Layer weight) {
        this.weight = weight;
    }

    /** "q_proj". */
    public String peftName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "self_attn": the submodule that holds the layer in Hugging Face's module tree. */
    public String module() {
        return weight.hfSuffix.substring(0, weight.hfSuffix.indexOf('.'));
    }

    /** "model.layers.3.self_attn.q_proj": the module of layer {@code layer} that it adapts. */
    public String modulePath(int layer) {
        return weight.modulePath(layer);
    }

    /** The target that adapts weight {@code p}, or null when LoRA cannot adapt it. */
    public static LoraTarget of(WeightTable.Layer p) {
        for (LoraTarget t : values()) {
            if (t.weight == p) {
                return t;
            }
        }
        return null;
    }

    public static LoraTarget parse(String name) {
        for (LoraTarget t : values()) {
            if (t.peftName().equals(name.trim())) {
                return t;
            }
        }
        throw new BadInputException("unknown LoRA target module '" + name + "' (supported: "
                + Arrays.stream(values()).map(LoraTarget::peftName).collect(Collectors.joining(", ")) + ")");
    }
}
