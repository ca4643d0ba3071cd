package com.exponential.access.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Completes an encryption-key rotation: re-encrypts, under the current key, every stored secret still
 * sealed by a previous one, in small batches, so that the previous key can be removed once a pass
 * reports none left. Replicas share the work (rows are taken with FOR UPDATE SKIP LOCKED), and a row
 * changed meanwhile is left for the next pass. When it runs: {@link ReencryptionConfig}.
 */
@ApplicationScoped
public class SecretReencryption {

    /** What one pass did. */
    public record Pass(int reencrypted, int unreadable) {
    }

    private static final int BATCH = 200;
    private static final UUID FIRST = new UUID(0, 0);

    private final SecretCipher cipher;
    private final AgroalDataSource database;
    private final Instance<EncryptedColumn> columns;
    private final ReencryptionConfig config;

    SecretReencryption(SecretCipher cipher, AgroalDataSource database, Instance<EncryptedColumn> columns, ReencryptionConfig config) {
        this.cipher = cipher;
        this.database = database;
        this.columns = columns;
        this.config = config;
    }

    @Scheduled(every = "${exponential.reencryption.every:1h}", delayed = "${exponential.reencryption.delay:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            reencryptAll();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                DatabaseUnavailable.warn("secret re-encryption postponed to its next pass", e);
            } else {
                Log.errorf(e, "Secret re-encryption stopped; its next pass resumes");
            }
        }
    }

    /** One pass over every encrypted column. */
    public Pass reencryptAll() {
        int done = 0;
        int unreadable = 0;
        for (EncryptedColumn column : columns) {
            UUID after = FIRST;
            while (after != null) {
                Batch batch = batch(column, after);
                done += batch.reencrypted;
                unreadable += batch.unreadable;
                after = batch.last;
            }
        }
        if (done > 0 || unreadable > 0 || cipher.hasPreviousKeys()) {
            // Counts only, never a secret. With previous keys configured every pass says where the
            // rotation stands: "0 re-encrypted, 0 unreadable" means they can be removed.
            Log.infof("Re-encryption pass: %d stored secrets re-encrypted under the current key, %d unreadable with the configured keys;"
                    + " next pass in %s", done, unreadable, config.every());
        }
        return new Pass(done, unreadable);
    }

    private record Batch(int reencrypted, int unreadable, UUID last) {
    }

    private record Row(UUID id, String sealed) {
    }

    private Batch batch(EncryptedColumn column, UUID after) {
        String table = column.table();
        String name = column.column();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Row> rows = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("select id, " + name + " from " + table
                        + " where id > ? and " + name + " is not null and " + name + " not like ? order by id limit ? for update skip locked")) {
                    select.setObject(1, after);
                    select.setString(2, cipher.currentPrefix() + "%");
                    select.setInt(3, BATCH);
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            rows.add(new Row(result.getObject(1, UUID.class), result.getString(2)));
                        }
                    }
                }
                int done = 0;
                int unreadable = 0;
                try (PreparedStatement update = connection.prepareStatement("update " + table + " set " + name + " = ? where id = ? and " + name + " = ?")) {
                    for (Row row : rows) {
                        String context = column.context().apply(row.id);
                        String fresh;
                        try {
                            fresh = cipher.encrypt(cipher.decrypt(row.sealed, context), context);
                        } catch (RuntimeException e) {
                            unreadable++;
                            continue;
                        }
                        update.setString(1, fresh);
                        update.setObject(2, row.id);
                        update.setString(3, row.sealed);
                        update.addBatch();
                        done++;
                    }
                    update.executeBatch();
                }
                connection.commit();
                return new Batch(done, unreadable, rows.size() < BATCH ? null : rows.get(rows.size() - 1).id);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not re-encrypt " + table + "." + name, e);
        }
    }
}
