/**
 * Self-edit formats: the prompt that asks a model for a self-edit, and the parser that turns its completion into
 * the training sequences of the inner loop ({@link dev.seal4j.seal.selfedit.SelfEditFormat}). The built-in
 * prompts are the SEAL paper's knowledge-incorporation templates; a template file with {@code {title}} and
 * {@code {context}} can be used instead.
 */
package dev.seal4j.seal.selfedit;
