package com.exponential.access.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Common identity of every table: a random UUID assigned in Java and the creation instant (at PostgreSQL's microsecond precision). */
@MappedSuperclass
public abstract class BaseEntity extends PanacheEntityBase {

    @Id
    public UUID id = UUID.randomUUID();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
}
