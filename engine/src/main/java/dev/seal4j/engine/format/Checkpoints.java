package dev.seal4j.engine.format;

import dev.seal4j.engine.BadInputException;
import dev.seal4j.engine.model.Checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a model from whatever the user points at: a Hugging Face directory, a GGUF file or a llama2.c .bin. */
public final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * A directory is a Hugging Face model directory; a .safetensors file opens the directory it lies in
     * (which needs its config.json); a file starting with "GGUF" is GGUF; anything else is tried as a legacy
     * llama2.c checkpoint, whose header is checked against the file size.
     */
    public static Checkpoint open(Path path) {
        if (Files.isDirectory(path)) {
            return HfModelDir.open(path);
        }
        if (!Files.exists(path)) {
            throw BadInput.inFile(path, "no such file or directory");
        }
        if (path.getFileName().toString().endsWith(".safetensors")) {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.exists(dir.resolve(HfModelDir.CONFIG))) {
                throw BadInput.inFile(path, "a safetensors file alone does not describe a model: "
                        + "put it in a directory with its config.json and open the directory");
            }
            return HfModelDir.open(dir);
        }
        byte[] head = MappedFiles.head(path, 4);
        if (head.length == 4 && head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
            return GgufModel.open(path);
        }
        try {
            return Llama2c.open(path);
        } catch (BadInputException e) {
            String prefix = path + ": ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw BadInput.inFile(path, "is not a model this program reads (a Hugging Face directory, "
                    + "a GGUF file or a llama2.c .bin); read as llama2.c, its " + problem, e);
        }
    }
}
