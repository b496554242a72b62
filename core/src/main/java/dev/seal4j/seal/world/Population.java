package dev.seal4j.seal.world;

import java.util.List;

/** The people of one split, in a fixed order. */
public record Population(Split split, List<Person> people) {
    public Population {
        people = List.copyOf(people);
    }

    public int size() {
        return people.size();
    }

    public Person get(int index) {
        return people.get(index);
    }
}
