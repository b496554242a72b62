package dev.seal4j.seal.world;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ground-truth self-edits, the analogue of the paper's GPT-4.1 data: a numbered list in the implications
 * format stating every attribute of the person by full name, each implied (two-hop) fact twice — once
 * together with the fact it follows from, once on its own — and the associate, if the passage mentions one;
 * no line is repeated.
 */
public final class TeacherImplications {
    private final World world;
    private final Statements statements;

    public TeacherImplications(World world) {
        this.world = world;
        this.statements = new Statements(world);
    }

    /** The teacher completion for a person's canonical passage; fixed by the person. */
    public String completion(Person person) {
        Rng rng = Rng.of(world.seed(), Rng.hash(person.name()), 0x7EAC);
        Set<String> lines = new LinkedHashSet<>();
        for (Attribute attribute : Attribute.direct()) {
            lines.add(statements.plain(person, attribute, rng, Reference.FULL_NAME));
        }
        for (Attribute attribute : Attribute.twoHop()) {
            // two implied facts can share an explaining sentence ("studied at U in C, K"): state it once
            lines.add(statements.explained(person, attribute, rng, Reference.FULL_NAME));
            rng.shuffled(statements.allPlain(person, attribute, Reference.FULL_NAME)).stream()
                    .filter(line -> !lines.contains(line)).findFirst().ifPresent(lines::add);
        }
        if (person.associate().isPresent()) {
            lines.add(statements.associateLink(person, rng));
            lines.add(statements.associateFact(person, rng, Reference.FULL_NAME));
        }
        return ListStyle.NUMBERED.format(List.copyOf(lines));
    }
}
