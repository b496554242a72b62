package dev.seal4j.seal.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The mappers of run records: JSON and YAML with snake_case member names (a record component
 * {@code netAccuracy} is written {@code net_accuracy}). Unknown members are ignored on reading, so older
 * readers accept newer records.
 */
final class RunJson {
    /** Indented JSON for files people read (manifest.json, results.json). */
    static final ObjectMapper PRETTY = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    /** One-line JSON for JSONL records. */
    static final ObjectMapper LINE = configure(new ObjectMapper());
    /** YAML for config.yaml. */
    static final ObjectMapper YAML = configure(new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

    private RunJson() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
