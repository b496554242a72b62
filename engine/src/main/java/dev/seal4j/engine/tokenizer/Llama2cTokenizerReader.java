package dev.seal4j.engine.tokenizer;

import dev.seal4j.engine.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * llama2.c's tokenizer.bin: little-endian {@code int max_token_length}, then per token {@code float score,
 * int length, length bytes of UTF-8} up to the end of the file. Ids 0, 1, 2 are &lt;unk&gt;, BOS and EOS; a space
 * is written as ' ' (not '▁'); the 256 byte tokens are written "&lt;0xNN&gt;".
 */
final class Llama2cTokenizerReader {
    private static final int MAX_PLAUSIBLE_TOKEN_LENGTH = 1 << 16;

    private Llama2cTokenizerReader() {
    }

    static SentencePieceBpe read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(file, "no such file", e);
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 4) {
            throw BadInputException.inFile(file, "too short for a llama2.c tokenizer.bin (" + bytes.length + " bytes)");
        }
        int maxTokenLength = in.getInt();
        if (maxTokenLength <= 0 || maxTokenLength > MAX_PLAUSIBLE_TOKEN_LENGTH) {
            throw BadInputException.inFile(file, "max_token_length " + maxTokenLength
                    + " is not plausible: not a llama2.c tokenizer.bin");
        }
        List<String> texts = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        while (in.hasRemaining()) {
            int id = texts.size();
            if (in.remaining() < 8) {
                throw BadInputException.inFile(file, "truncated: token " + id + " at byte " + in.position()
                        + " has an incomplete header");
            }
            float score = in.getFloat();
            int length = in.getInt();
            if (!Float.isFinite(score)) {
                throw BadInputException.inFile(file, "token " + id + " at byte " + (in.position() - 8)
                        + " has score " + score);
            }
            if (length < 0 || length > maxTokenLength) {
                throw BadInputException.inFile(file, "token " + id + " at byte " + (in.position() - 8) + " has length "
                        + length + ", outside 0.." + maxTokenLength + " (max_token_length)");
            }
            if (length > in.remaining()) {
                throw BadInputException.inFile(file, "truncated: token " + id + " needs " + length + " bytes, "
                        + in.remaining() + " left");
            }
            texts.add(utf8(file, in, length, id));
            scores.add(score);
        }
        if (texts.size() < 3) {
            throw BadInputException.inFile(file, "has " + texts.size() + " tokens; needs at least <unk>, BOS and EOS");
        }
        int n = texts.size();
        float[] scoreArray = new float[n];
        int[] types = new int[n];
        for (int id = 0; id < n; id++) {
            scoreArray[id] = scores.get(id);
            types[id] = id == 0 ? SentencePieceBpe.UNKNOWN : id <= 2 ? SentencePieceBpe.CONTROL
                    : SentencePieceBpe.byteValue(texts.get(id)) >= 0 ? SentencePieceBpe.BYTE : SentencePieceBpe.NORMAL;
        }
        return new SentencePieceBpe(new SentencePieceSpec(texts.toArray(String[]::new), scoreArray, types, 1, List.of(2), 0,
                false, true, false, true, null));
    }

    private static String utf8(Path file, ByteBuffer in, int length, int id) {
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw BadInputException.inFile(file, "token " + id + " is not valid UTF-8");
        }
    }
}
