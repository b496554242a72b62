package dev.seal4j.seal.run;

import java.util.List;

/**
 * A model as a run used it: a single file (GGUF, llama2.c) or a directory (Hugging Face: weights, config,
 * tokenizer — every regular, non-hidden file directly inside it).
 *
 * @param path   the absolute path of the file or directory
 * @param sha256 the model's identity: the file's SHA-256, or for a directory the SHA-256 of the
 *               {@code sha256sum}-style listing {@code "<sha256>  <name>\n"} of its files sorted by name
 * @param files  each file with its digest
 */
public record ModelDigest(String path, String sha256, List<FileDigest> files) {
    public ModelDigest {
        files = List.copyOf(files);
    }
}
