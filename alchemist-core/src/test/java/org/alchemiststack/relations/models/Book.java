package org.alchemiststack.relations.models;

import jakarta.persistence.CascadeType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.Set;
import org.alchemiststack.model.Ref;

/** A record child and parent: a nullable author, and a Set of chapters removed with it. */
@Table(name = "r_book")
public record Book(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String title,
        @ManyToOne @JoinColumn(name = "author_id") Ref<Author> author,
        @OneToMany(mappedBy = "book", cascade = CascadeType.REMOVE) Set<Chapter> chapters) {
}
