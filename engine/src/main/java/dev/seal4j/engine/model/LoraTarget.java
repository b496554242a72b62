package dev.seal4j.engine.model;

import dev.seal4j.engine.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The linear layers LoRA can adapt, named as PEFT's target_modules names them. */
public enum LoraTarget {
    Q_PROJ("self_attn"), K_PROJ("self_attn"), V_PROJ("self_attn"), O_PROJ("self_attn"),
    GATE_PROJ("mlp"), UP_PROJ("mlp"), DOWN_PROJ("mlp");

    /** The submodule that holds the layer in Hugging Face's module tree. */
    public final String module;

    LoraTarget(String module) {
        this.module = module;
    }

    /** "q_proj". */
    public String peftName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "self_attn.q_proj". */
    public String modulePath() {
        return module + "." + peftName();
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
