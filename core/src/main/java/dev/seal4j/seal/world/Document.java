package dev.seal4j.seal.world;

/** One pretraining document: its kind and its text (ending in {@link TextFormat#EOS}). */
public record Document(DocumentKind kind, String text) {
}
