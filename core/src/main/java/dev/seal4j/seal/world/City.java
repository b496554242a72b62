package dev.seal4j.seal.world;

/** A city and the country it lies in. */
public record City(String name, String country) {
}
