package dev.seal4j.seal.world;

import java.util.Optional;

/**
 * A person of the world with eight attributes (each a short span) and possibly an associate their passages
 * mention. The title of their passage is their full name.
 */
public record Person(String givenName, String familyName, Pronoun pronoun, int birthYear, String birthCity,
                     String university, String fieldOfStudy, String employer, String role, String hobby,
                     String petKind, String petName, Optional<Associate> associate) {

    /** "Given Family" — the passage title and the name every question uses. */
    public String name() {
        return givenName + " " + familyName;
    }
}
