package org.alchemiststack.uow.regression;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The parent side of a real foreign key (created by FlushOrderRegressionTest); its table name sorts before its child's. */
@Entity
@Table(name = "rg_fk_author")
public class Author {
    @Id
    public Long id;
    @Column(length = 40)
    public String name;

    public Author() {
    }

    public Author(long id, String name) {
        this.id = id;
        this.name = name;
    }
}
