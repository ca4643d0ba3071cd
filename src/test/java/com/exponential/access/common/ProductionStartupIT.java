package com.exponential.access.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged application in the production profile refuses to start without its secrets, naming them. */
class ProductionStartupIT {

    @Test
    void refusesToStartWithoutItsSecretsAndNamesThem() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).exists();
        Path log = Files.createTempFile("startup", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EXPONENTIAL_") || name.startsWith("QUARKUS_"));
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the process stops by itself").isTrue();
            String output = read(log);
            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output)
                    .contains("EXPONENTIAL_ENCRYPTION_KEY")
                    .contains("EXPONENTIAL_SESSION_KEY")
                    .contains("EXPONENTIAL_JWT_SIGNING_KEY_FILE");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
