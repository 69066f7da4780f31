package org.alchemiststack.bench.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Twenty small entities of the same shape, for the start-up benchmark ({@code Context.build()} against Hibernate's
 * {@code SessionFactory}). Only their mapping matters; no row is ever written.
 *
 * <p>Thread-safe: holds no state; the entities themselves are plain mutable objects.
 */
public final class BootModels {
    private BootModels() {
    }

    /**
     * Returns the twenty model classes.
     *
     * @return the classes
     */
    public static List<Class<?>> all() {
        return List.of(M01.class, M02.class, M03.class, M04.class, M05.class, M06.class, M07.class, M08.class,
                M09.class, M10.class, M11.class, M12.class, M13.class, M14.class, M15.class, M16.class, M17.class,
                M18.class, M19.class, M20.class);
    }

    /** Start-up model 01. Not thread-safe. */
    @Entity
    @Table(name = "boot_m01")
    public static class M01 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 02. Not thread-safe. */
    @Entity
    @Table(name = "boot_m02")
    public static class M02 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 03. Not thread-safe. */
    @Entity
    @Table(name = "boot_m03")
    public static class M03 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 04. Not thread-safe. */
    @Entity
    @Table(name = "boot_m04")
    public static class M04 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 05. Not thread-safe. */
    @Entity
    @Table(name = "boot_m05")
    public static class M05 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 06. Not thread-safe. */
    @Entity
    @Table(name = "boot_m06")
    public static class M06 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 07. Not thread-safe. */
    @Entity
    @Table(name = "boot_m07")
    public static class M07 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 08. Not thread-safe. */
    @Entity
    @Table(name = "boot_m08")
    public static class M08 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 09. Not thread-safe. */
    @Entity
    @Table(name = "boot_m09")
    public static class M09 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 10. Not thread-safe. */
    @Entity
    @Table(name = "boot_m10")
    public static class M10 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 11. Not thread-safe. */
    @Entity
    @Table(name = "boot_m11")
    public static class M11 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 12. Not thread-safe. */
    @Entity
    @Table(name = "boot_m12")
    public static class M12 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 13. Not thread-safe. */
    @Entity
    @Table(name = "boot_m13")
    public static class M13 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 14. Not thread-safe. */
    @Entity
    @Table(name = "boot_m14")
    public static class M14 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 15. Not thread-safe. */
    @Entity
    @Table(name = "boot_m15")
    public static class M15 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 16. Not thread-safe. */
    @Entity
    @Table(name = "boot_m16")
    public static class M16 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 17. Not thread-safe. */
    @Entity
    @Table(name = "boot_m17")
    public static class M17 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 18. Not thread-safe. */
    @Entity
    @Table(name = "boot_m18")
    public static class M18 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 19. Not thread-safe. */
    @Entity
    @Table(name = "boot_m19")
    public static class M19 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }

    /** Start-up model 20. Not thread-safe. */
    @Entity
    @Table(name = "boot_m20")
    public static class M20 {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        public String title;
        public String code;
        public int amount;
        public BigDecimal total;
        public LocalDateTime createdAt;
        @Version
        public long version;
    }
}
