package org.alchemiststack.relations.models;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

@Table(name = "r_chapter")
public record Chapter(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, int number,
        @ManyToOne(optional = false) @JoinColumn(name = "book_id") Ref<Book> book) {
}
