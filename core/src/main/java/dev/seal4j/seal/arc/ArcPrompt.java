package dev.seal4j.seal.arc;

/**
 * The self-edit prompt of the ARC domain: the task's demonstrations, then a request for a test-time
 * training configuration as one line of JSON (the keys and values the SEAL paper's few-shot code offers).
 */
public final class ArcPrompt {
    /** What follows the demonstrations. */
    public static final String REQUEST = "Configure test-time training for the examples above. Answer with one line of JSON: "
            + "{\"data_generation\": {\"use_basic_augmentations\": true|false, \"use_size_augmentations\": true|false, "
            + "\"use_chain_augmentations\": true|false, \"use_repeat_augmentations\": true|false}, \"training\": "
            + "{\"strategy\": \"train_using_all_tokens\"|\"train_using_output_tokens\", \"learning_rate\": number, "
            + "\"num_train_epochs\": number}}\nConfiguration: ";

    private ArcPrompt() {
    }

    /** The prompt for a task's self-edit. */
    public static String of(ArcTask task) {
        StringBuilder out = new StringBuilder();
        task.train().forEach(p -> out.append(GridText.pair(p)));
        return out.append(REQUEST).toString();
    }
}
