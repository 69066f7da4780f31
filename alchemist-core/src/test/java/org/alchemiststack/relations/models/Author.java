package org.alchemiststack.relations.models;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.List;

/** A record parent with a generated id and a to-many relation built through its canonical constructor. */
@Table(name = "r_author")
public record Author(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String name,
        @OneToMany(mappedBy = "author") List<Book> books) {
    public static Author named(String name) {
        return new Author(null, name, List.of());
    }
}
