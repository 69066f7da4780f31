package org.alchemiststack.relations.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.alchemiststack.model.Ref;

/** A self reference: the foreign key names the employee table itself. */
@Entity
@Table(name = "rs_employee")
public class RsEmployee {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @ManyToOne
    @JoinColumn(name = "manager_id")
    public Ref<RsEmployee> manager;
}
