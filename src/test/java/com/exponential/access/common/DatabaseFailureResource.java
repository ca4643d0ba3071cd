package com.exponential.access.common;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Test only: fails the way a request fails when PostgreSQL is down, with real exceptions where they
 * can be had cheaply (a real driver refusing a closed port, a real Agroal pool running out of time).
 */
@Path("/test-only/database-failure")
@jakarta.ws.rs.Produces(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
public class DatabaseFailureResource {

    /** A loopback port nothing listens on (port 1 is reserved and closed on our machines). */
    static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1";

    @GET
    @Path("{kind}")
    @Operation(hidden = true)
    public String fail(@PathParam("kind") String kind) throws Exception {
        switch (kind) {
            case "refused" -> {
                try (Connection ignored = DriverManager.getConnection(UNREACHABLE, "postgres", "postgres")) {
                    throw new IllegalStateException("something listens on port 1");
                } catch (SQLException e) {
                    throw new PersistenceException("Unable to acquire JDBC Connection", e);
                }
            }
            case "pool" -> {
                try (AgroalDataSource pool = AgroalDataSource.from(new AgroalPropertiesReader().readProperties(Map.of(
                        AgroalPropertiesReader.JDBC_URL, UNREACHABLE,
                        AgroalPropertiesReader.MAX_SIZE, "1",
                        AgroalPropertiesReader.ACQUISITION_TIMEOUT_MS, "300")));
                        Connection ignored = pool.getConnection()) {
                    throw new IllegalStateException("something listens on port 1");
                }
            }
            case "acquisition" -> throw new PersistenceException(new SQLException("Sorry, acquisition timeout!"));
            case "transient" -> throw new SQLTransientConnectionException("connection is not available");
            case "lost" -> throw new JDBCConnectionException("could not execute statement", new SQLException("An I/O error occurred", "08006"));
            case "shutdown" -> throw new PersistenceException(new SQLException("terminating connection due to administrator command", "57P01"));
            case "constraint" -> throw new PersistenceException(new SQLException("duplicate key value", "23505"));
            default -> throw new IllegalStateException("a bug, not an outage");
        }
    }
}
