package com.exponential.access.workspace;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A place where actions and meetings live; people reach it through a {@link Membership}. */
@Entity
@Table(name = "workspace")
public class Workspace extends BaseEntity {

    @Column(nullable = false, length = 100)
    public String name;
}
