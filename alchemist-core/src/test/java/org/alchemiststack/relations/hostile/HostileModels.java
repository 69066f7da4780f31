package org.alchemiststack.relations.hostile;

import jakarta.persistence.CascadeType;
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
import java.util.UUID;
import org.alchemiststack.model.Ref;

/** The models of the hostile relation tests; every table is prefixed {@code rh_}. */
public final class HostileModels {
    private HostileModels() {
    }

    /** A parent with an assigned String id whose children have assigned String ids too. */
    @Entity
    @Table(name = "rh_folder")
    public static class Folder {
        @Id
        public String code;
        public String name;
        @OneToMany(mappedBy = "folder", cascade = CascadeType.ALL, orphanRemoval = true)
        public List<Doc> docs = new ArrayList<>();

        public Folder() {
        }

        public Folder(String code, String name) {
            this.code = code;
            this.name = name;
        }

        public Doc doc(String code, String title) {
            Doc d = new Doc();
            d.code = code;
            d.title = title;
            d.folder = Ref.of(this);
            docs.add(d);
            return d;
        }
    }

    @Entity
    @Table(name = "rh_doc")
    public static class Doc {
        @Id
        public String code;
        public String title;
        @ManyToOne(optional = false)
        @JoinColumn(name = "folder_id")
        public Ref<Folder> folder;
    }

    /** A parent and child with library-generated UUID ids. */
    @Entity
    @Table(name = "rh_basket")
    public static class Basket {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        public UUID id;
        public String name;
        @OneToMany(mappedBy = "basket", cascade = CascadeType.ALL, orphanRemoval = true)
        public List<Item> items = new ArrayList<>();
    }

    @Entity
    @Table(name = "rh_item")
    public static class Item {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        public UUID id;
        public String label;
        @ManyToOne(optional = false)
        @JoinColumn(name = "basket_id")
        public Ref<Basket> basket;
    }

    /** A class parent whose children are records: cascade ALL with orphan removal. */
    @Entity
    @Table(name = "rh_invoice")
    public static class Invoice {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String customer;
        @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
        public List<Entry> entries = new ArrayList<>();
    }

    @Table(name = "rh_entry")
    public record Entry(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, int amount,
            @ManyToOne @JoinColumn(name = "invoice_id") Ref<Invoice> invoice) {
    }

    /** Three levels of records, each collection cascading PERSIST, foreign keys nullable. */
    @Table(name = "rh_shelf")
    public record Shelf(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String name,
            @OneToMany(mappedBy = "shelf", cascade = CascadeType.PERSIST) List<Box> boxes) {
    }

    @Table(name = "rh_box")
    public record Box(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String name,
            @ManyToOne @JoinColumn(name = "shelf_id") Ref<Shelf> shelf,
            @OneToMany(mappedBy = "box", cascade = CascadeType.PERSIST) List<Thing> things) {
    }

    @Table(name = "rh_thing")
    public record Thing(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id, String name,
            @ManyToOne @JoinColumn(name = "box_id") Ref<Box> box) {
    }

    /** Orphan removal without cascade REMOVE: JPA says deleting the parent removes the children too. */
    @Entity
    @Table(name = "rh_team")
    public static class Team {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String name;
        @OneToMany(mappedBy = "team", cascade = CascadeType.PERSIST, orphanRemoval = true)
        public List<Member> members = new ArrayList<>();
    }

    @Entity
    @Table(name = "rh_member")
    public static class Member {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String name;
        @ManyToOne(optional = false)
        @JoinColumn(name = "team_id")
        public Ref<Team> team;
    }
}
