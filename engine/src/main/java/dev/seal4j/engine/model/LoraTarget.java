package dev.seal4j.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.seal4j.engine.Labels;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

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

    /** "q_proj" (also its form in configs and run records). */
    @JsonValue
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

    /** An unmodifiable copy in declaration order (q, k, v, o, gate, up, down). */
    public static Set<LoraTarget> setOf(Collection<LoraTarget> targets) {
        EnumSet<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        set.addAll(targets);
        return Collections.unmodifiableSet(set);
    }

    @JsonCreator
    public static LoraTarget parse(String name) {
        return Labels.parse(values(), LoraTarget::peftName, name, "LoRA target module");
    }
}
