package dev.seal4j.seal.world;

/** How a sentence names the person it is about. */
enum Reference {
    FULL_NAME, GIVEN_NAME, PRONOUN
}
