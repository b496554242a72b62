package dev.seal4j.seal.world;

/** A university and the city it is in. Its name never contains the city's name. */
public record University(String name, String city) {
}
