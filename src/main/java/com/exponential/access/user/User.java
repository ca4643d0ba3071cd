package com.exponential.access.user;

import com.exponential.access.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.Optional;

/** A person with a dashboard account; the e-mail address is stored lower-cased and is unique. */
@Entity
@Table(name = "app_user")
public class User extends BaseEntity {

    @Column(nullable = false, length = 254)
    public String email;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<User> findByEmail(String email) {
        return find("email", normalizeEmail(email)).firstResultOptional();
    }
}
