package com.exponential.access.user;

import com.exponential.access.workspace.Membership;
import com.exponential.access.workspace.Workspace;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Sign-up and log-in: who a person is, proven by a bcrypt-hashed password. */
@ApplicationScoped
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 72;

    /** Compared against when the e-mail is unknown, so that timing does not reveal which addresses exist. */
    private static final String DECOY_HASH = BcryptUtil.bcryptHash("decoy password that never matches");

    /** Thrown when the e-mail address already belongs to an account. */
    public static class EmailTakenException extends Exception {
        public EmailTakenException() {
            super("An account with this e-mail address already exists.", null, false, false);
        }
    }

    /** Creates the account, its personal workspace (owned by the user) and nothing else. */
    @Transactional(rollbackOn = EmailTakenException.class)
    public User signUp(String name, String email, String password) throws EmailTakenException {
        String normalized = User.normalizeEmail(email);
        if (User.findByEmail(normalized).isPresent()) {
            throw new EmailTakenException();
        }
        User user = new User();
        user.email = normalized;
        user.name = name.trim();
        user.passwordHash = BcryptUtil.bcryptHash(password);
        try {
            user.persistAndFlush();
        } catch (PersistenceException raced) {
            // Two sign-ups with the same address at once: the unique index decides.
            throw new EmailTakenException();
        }

        Workspace personal = new Workspace();
        personal.name = user.name + "'s workspace";
        personal.persist();

        Membership owner = new Membership();
        owner.userId = user.id;
        owner.workspace = personal;
        owner.role = Membership.Role.OWNER;
        owner.persist();
        return user;
    }

    /** The user whose e-mail (any case) and password match, or empty; both failures look the same. */
    public Optional<User> authenticate(String email, String password) {
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        Optional<User> user = User.findByEmail(email);
        boolean matches = BcryptUtil.matches(password, user.map(u -> u.passwordHash).orElse(DECOY_HASH));
        return matches ? user : Optional.empty();
    }
}
