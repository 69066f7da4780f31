package org.alchemiststack.uow.regression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The child side of a real foreign key: {@code author_id} references {@code rg_fk_author(id)}. */
@Entity
@Table(name = "rg_fk_book")
public class Book {
    @Id
    public Long id;
    @Column(length = 40)
    public String title;
    public long authorId;

    public Book() {
    }

    public Book(long id, String title, long authorId) {
        this.id = id;
        this.title = title;
        this.authorId = authorId;
    }
}
