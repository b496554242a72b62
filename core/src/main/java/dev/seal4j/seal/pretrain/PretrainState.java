package dev.seal4j.seal.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seal4j.engine.BadInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a pretraining run stands, as every checkpoint's state.json records it: the global step, the current
 * stage and its step (or the cool-down's), how far each stage's corpus has been read, the time spent over all
 * sittings, and every stage's final gate.
 *
 * @param stageIndex   the current stage (= the number of stages: the cool-down)
 * @param positions    the next corpus document of each stage, by stage name
 * @param seconds      training time of all earlier sittings
 */
record PretrainState(long step, int stageIndex, int stageStep, int cooldownStep, Map<String, Long> positions, double seconds,
                     List<Pretrainer.GateCheck> gates) {
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String POSITION = "position_";

    static final PretrainState START = new PretrainState(0, 0, 0, 0, Map.of(), 0, List.of());

    PretrainState {
        positions = Map.copyOf(positions);
        gates = List.copyOf(gates);
    }

    boolean cooling(Curriculum curriculum) {
        return stageIndex >= curriculum.stages().size();
    }

    long position(String stage) {
        return positions.getOrDefault(stage, 0L);
    }

    /** After one more step of {@code stage} that read its corpus up to {@code position}. */
    PretrainState stepped(Curriculum curriculum, String stage, long position) {
        Map<String, Long> next = new HashMap<>(positions);
        next.put(stage, position);
        return cooling(curriculum) ? new PretrainState(step + 1, stageIndex, stageStep, cooldownStep + 1, next, seconds, gates)
                : new PretrainState(step + 1, stageIndex, stageStep + 1, cooldownStep, next, seconds, gates);
    }

    /** On to the next stage, the current one ending with {@code gate}. */
    PretrainState nextStage(Pretrainer.GateCheck gate) {
        List<Pretrainer.GateCheck> all = new ArrayList<>(gates);
        all.add(gate);
        return new PretrainState(step, stageIndex + 1, 0, cooldownStep, positions, seconds, all);
    }

    PretrainState withSeconds(double total) {
        return new PretrainState(step, stageIndex, stageStep, cooldownStep, positions, total, gates);
    }

    ObjectNode json() {
        return JSON.valueToTree(this);
    }

    /** A checkpoint's state; also as checkpoints written before it was typed recorded it (position_STAGE members). */
    static PretrainState of(ObjectNode json) {
        ObjectNode copy = json.deepCopy();
        if (!copy.has("positions")) {
            ObjectNode positions = copy.putObject("positions");
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith(POSITION)) {
                    positions.set(e.getKey().substring(POSITION.length()), e.getValue());
                }
            }
        }
        try {
            return JSON.treeToValue(copy, PretrainState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("unreadable pretraining state: " + e.getOriginalMessage());
        }
    }
}
