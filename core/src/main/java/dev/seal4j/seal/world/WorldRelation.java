package dev.seal4j.seal.world;

/** The kinds of world fact: what two-hop questions about people rely on. */
public enum WorldRelation {
    CITY_COUNTRY, ORGANISATION_CITY, ORGANISATION_FOUNDED, ORGANISATION_INDUSTRY, UNIVERSITY_CITY
}
