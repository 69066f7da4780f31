package org.alchemiststack.relations.models;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.model.Ref;

/** A self reference: an employee's manager is an employee. */
@Entity
@Table(name = "r_employee")
public class Employee {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @ManyToOne
    @JoinColumn(name = "manager_id")
    public Ref<Employee> manager;
    @OneToMany(mappedBy = "manager")
    public List<Employee> reports = new ArrayList<>();

    public Employee() {
    }

    public Employee(String name, Employee manager) {
        this.name = name;
        this.manager = manager == null ? null : Ref.of(manager);
    }
}
