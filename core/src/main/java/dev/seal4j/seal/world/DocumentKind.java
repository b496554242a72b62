package dev.seal4j.seal.world;

/** The kinds of pretraining document. Every document is plain text ending in {@link TextFormat#EOS}. */
public enum DocumentKind {
    /** "List: a, b, c\nRepeat: a, b, c" (or a short text): copying at varying offsets. */
    COPY,
    /** "Notes:\nkey - value ...\nQuery: key\nValue: value": lookup in context. */
    LOOKUP,
    /** A drill person's passage, a blank line, then questions about its stated facts in the QA format. */
    READING_QA,
    /** As READING_QA, with implied (two-hop) questions too, which need world facts. */
    READING_QA_TWO_HOP,
    /** "{name}\n{biography}" of a pretraining person, one of several variants. */
    BIOGRAPHY,
    /** "{entity}\n{sentences}": a city, organisation, university or country entry. */
    WORLD_FACTS,
    /** Question–answer blocks about one entity. */
    WORLD_QA,
    /** No-context question–answer blocks about a pretraining person (not the QA-held-out ones). */
    PERSON_QA,
    /** SEAL implications prompt (regular or long) about a drill person's passage + a demonstration. */
    SELF_EDIT_IMPLICATIONS,
    /** SEAL rewrite prompt + a demonstration. */
    SELF_EDIT_REWRITE,
    /** SEAL self-QA prompt + a demonstration. */
    SELF_EDIT_SELF_QA
}
