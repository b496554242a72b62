package dev.seal4j.seal.world;

/** A fact of the world: (Kelbor, CITY_COUNTRY, Morvania), (Darvel Group, ORGANISATION_FOUNDED, 1903), ... */
public record WorldFact(String subject, WorldRelation relation, String object) {
}
