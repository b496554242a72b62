/**
 * Tokenizers: text to token ids and back, and chat prompts.
 * <ul>
 *   <li>{@link dev.seal4j.engine.tokenizer.Tokenizers#load} reads a model directory, a tokenizer.json or a
 *       llama2.c tokenizer.bin; {@link dev.seal4j.engine.tokenizer.Tokenizers#fromGguf} builds one from GGUF
 *       metadata. Both give a {@link dev.seal4j.engine.tokenizer.Tokenizer}.</li>
 *   <li>{@link dev.seal4j.engine.tokenizer.ByteLevelBpe}: GPT-2 / Llama 3 / Qwen byte-level BPE;
 *       {@link dev.seal4j.engine.tokenizer.SentencePieceBpe}: Llama 2 / llama2.c SentencePiece BPE.</li>
 *   <li>{@link dev.seal4j.engine.tokenizer.StreamingDecoder} prints generated text token by token.</li>
 *   <li>{@link dev.seal4j.engine.tokenizer.ChatTemplate} renders a model's Jinja chat template as Hugging Face
 *       transformers does.</li>
 *   <li>{@link dev.seal4j.engine.tokenizer.BpeTrainer} trains a byte-level BPE vocabulary
 *       ({@link dev.seal4j.engine.tokenizer.TrainedBpe}) and saves it as tokenizer.json.</li>
 * </ul>
 */
package dev.seal4j.engine.tokenizer;
