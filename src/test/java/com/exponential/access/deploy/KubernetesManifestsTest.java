package com.exponential.access.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders k8s/overlays/dev and k8s/overlays/prod with `kubectl kustomize` and checks what a safe,
 * working deployment depends on. Without kubectl on the PATH the test is skipped with a message,
 * unless EXPONENTIAL_REQUIRE_KUBECTL=true (set by .ci/run), where it fails instead.
 */
class KubernetesManifestsTest {

    private static final String APP = "exponential-api-access";
    private static final Pattern PLACEHOLDER = Pattern.compile("^%prod\\.\\S+=\\$\\{([A-Z0-9_]+)}$", Pattern.MULTILINE);
    /** Values that must never sit in a ConfigMap. */
    private static final Set<String> SECRET_VARIABLES = Set.of("EXPONENTIAL_ENCRYPTION_KEY", "EXPONENTIAL_SESSION_KEY", "QUARKUS_DATASOURCE_PASSWORD");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void deploymentIsProbedLimitedAndLockedDown(String overlay) {
        Rendered r = render(overlay);
        JsonNode deployment = r.one("Deployment", APP);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode app = container(deployment);

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();

        assertThat(app.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(app.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(probe(app, "startupProbe")).isEqualTo("/q/health/started");
        assertThat(probe(app, "readinessProbe")).isEqualTo("/q/health/ready");
        assertThat(probe(app, "livenessProbe")).isEqualTo("/q/health/live");

        for (String kind : List.of("requests", "limits")) {
            assertThat(app.at("/resources/" + kind + "/cpu").asText()).as(kind + " cpu").isNotEmpty();
            assertThat(app.at("/resources/" + kind + "/memory").asText()).as(kind + " memory").isNotEmpty();
        }
        // The JVM build measured ~255 MiB RSS idle; the heap is a share of the limit, not a fixed size.
        assertThat(mebibytes(app.at("/resources/limits/memory").asText())).isBetween(384L, 1024L);
        assertThat(env(app).get("JAVA_OPTS").path("value").asText()).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.path("automountServiceAccountToken").isBoolean()).as("automountServiceAccountToken is set").isTrue();
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(app.at("/securityContext/allowPrivilegeEscalation").asText()).isEqualTo("false");
        assertThat(app.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(texts(app.at("/securityContext/capabilities/drop"))).containsExactly("ALL");
        assertThat(volumeAt(pod, app, "/tmp").has("emptyDir")).as("/tmp is a writable emptyDir").isTrue();

        // SIGTERM arrives after preStop; Quarkus then has quarkus.shutdown.timeout to finish.
        long preStop = app.at("/lifecycle/preStop/sleep/seconds").asLong();
        assertThat(preStop).isPositive();
        assertThat(pod.at("/terminationGracePeriodSeconds").asLong())
                .isGreaterThan(preStop + shutdownTimeout().toSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySettingTheApplicationNeedsComesFromTheConfigMapOrASecret(String overlay) {
        Rendered r = render(overlay);
        JsonNode deployment = r.one("Deployment", APP);
        JsonNode app = container(deployment);
        JsonNode pod = deployment.at("/spec/template/spec");
        String configMapName = app.at("/envFrom/0/configMapRef/name").asText();
        JsonNode config = r.one("ConfigMap", configMapName).path("data");
        Map<String, JsonNode> env = env(app);

        Set<String> required = new HashSet<>(requiredInProduction());
        required.addAll(List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "EXPONENTIAL_PUBLIC_URL", "EXPONENTIAL_JWT_ISSUER", "EXPONENTIAL_FIREFLIES_API_URL"));
        for (String name : required) {
            JsonNode secretRef = env.containsKey(name) ? env.get(name).at("/valueFrom/secretKeyRef") : null;
            boolean fromSecret = secretRef != null && !secretRef.path("name").asText().isEmpty()
                    && !secretRef.path("key").asText().isEmpty() && !secretRef.path("optional").asBoolean(false);
            boolean fromConfigMap = !env.containsKey(name) && config.hasNonNull(name) && !config.get(name).asText().isBlank();
            assertThat(fromSecret || fromConfigMap).as(name + " comes from the ConfigMap or a required Secret key").isTrue();
            if (SECRET_VARIABLES.contains(name)) {
                assertThat(fromSecret).as(name + " is a secret").isTrue();
            }
        }
        config.fieldNames().forEachRemaining(name -> assertThat(SECRET_VARIABLES).doesNotContain(name));
        assertThat(config.path("EXPONENTIAL_PUBLIC_URL").asText()).startsWith(overlay.equals("prod") ? "https://" : "http");

        // The signing key file is a key of the Secret, mounted read-only where the setting points.
        String keyFile = config.path("EXPONENTIAL_JWT_SIGNING_KEY_FILE").asText();
        Path file = Path.of(keyFile);
        JsonNode keys = volumeAt(pod, app, file.getParent().toString());
        assertThat(keys.at("/secret/secretName").asText()).isEqualTo("exponential-secrets");
        assertThat(StreamSupport.stream(keys.at("/secret/items").spliterator(), false)
                .filter(i -> i.path("path").asText().equals(file.getFileName().toString())).map(i -> i.path("key").asText()))
                .containsExactly("signing-key.pem");

        // The example Secret documents every key the pods read from exponential-secrets.
        Set<String> documented = new HashSet<>();
        exampleSecret().path("stringData").fieldNames().forEachRemaining(documented::add);
        documented.add("EXPONENTIAL_ENCRYPTION_PREVIOUS_KEYS"); // optional, commented out in the example
        env.values().stream().filter(v -> v.at("/valueFrom/secretKeyRef/name").asText().equals("exponential-secrets"))
                .forEach(v -> assertThat(documented).contains(v.at("/valueFrom/secretKeyRef/key").asText()));
        StreamSupport.stream(keys.at("/secret/items").spliterator(), false)
                .forEach(i -> assertThat(documented).contains(i.path("key").asText()));

        // Real secrets are made out of band: the manifests never carry one.
        assertThat(r.kinds()).doesNotContain("Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imageLabelsServiceAndScaling(String overlay) {
        Rendered r = render(overlay);
        JsonNode deployment = r.one("Deployment", APP);
        String image = container(deployment).path("image").asText();
        assertThat(image).isEqualTo(overlay.equals("prod") ? "registry.example.com/exponential/api-access:1.0.0" : APP + ":dev");

        for (JsonNode object : r.objects) {
            assertThat(object.at("/metadata/labels/app.kubernetes.io~1part-of").asText())
                    .as(object.path("kind").asText() + " " + name(object)).isEqualTo("exponential");
            if (!object.path("kind").asText().equals("Namespace")) {
                assertThat(object.at("/metadata/namespace").asText()).isEqualTo(overlay.equals("prod") ? "exponential" : "exponential-dev");
            }
        }

        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        JsonNode service = r.one("Service", APP);
        assertThat(selects(service.at("/spec/selector"), podLabels)).isTrue();
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        assertThat(selects(deployment.at("/spec/selector/matchLabels"), podLabels)).isTrue();
        // The Service must not pick up the database's pods (which share the part-of label).
        assertThat(selects(service.at("/spec/selector"), databasePodLabels(r))).isFalse();

        JsonNode hpa = r.one("HorizontalPodAutoscaler", APP);
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(APP);
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pdb = r.one("PodDisruptionBudget", APP);
        assertThat(selects(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue();
        assertThat(pdb.at("/spec/minAvailable").asInt()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPolicyLetsInHttpOnlyAndOutPostgresDnsAndHttps(String overlay) {
        Rendered r = render(overlay);
        JsonNode policy = r.one("NetworkPolicy", APP);
        assertThat(selects(policy.at("/spec/podSelector/matchLabels"), r.one("Deployment", APP).at("/spec/template/metadata/labels"))).isTrue();
        assertThat(texts(policy.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");

        JsonNode ingress = policy.at("/spec/ingress");
        assertThat(ingress).hasSize(1);
        assertThat(ports(ingress.get(0))).containsExactly("TCP/8080");

        Map<String, JsonNode> egressByPort = new HashMap<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            assertThat(rule.has("ports")).as("every egress rule names its ports").isTrue();
            ports(rule).forEach(p -> egressByPort.put(p, rule));
        }
        assertThat(egressByPort.keySet()).containsExactlyInAnyOrder("TCP/5432", "UDP/53", "TCP/53", "TCP/443");
        JsonNode database = egressByPort.get("TCP/5432").at("/to/0/podSelector/matchLabels");
        assertThat(selects(database, databasePodLabels(r))).as("egress to 5432 reaches the database pods").isTrue();
        assertThat(egressByPort.get("TCP/5432").at("/to/0/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("database");
        JsonNode https = egressByPort.get("TCP/443").at("/to/0/ipBlock");
        assertThat(https.path("cidr").asText()).isEqualTo("0.0.0.0/0");
        assertThat(texts(https.path("except"))).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    }

    @Test
    void devRunsOnePostgresWithAVolume() {
        Rendered r = render("dev");
        JsonNode postgres = r.one("StatefulSet", "postgres");
        assertThat(postgres.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(postgres.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isNotEmpty();
        assertThat(postgres.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(r.one("Service", "postgres").at("/spec/ports/0/port").asInt()).isEqualTo(5432);
        assertThat(jdbcUrl(r)).startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void prodUsesCloudNativePgAndExposesNothingUnderQ() {
        Rendered r = render("prod");
        JsonNode cluster = r.one("Cluster", "exponential-db");
        assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(jdbcUrl(r)).startsWith("jdbc:postgresql://exponential-db-rw:5432/app?").contains("sslmode=verify-full");
        Map<String, JsonNode> env = env(container(r.one("Deployment", APP)));
        assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("exponential-db-app");
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("exponential-db-app");

        JsonNode ingress = r.one("Ingress", APP);
        String host = ingress.at("/spec/rules/0/host").asText();
        assertThat(texts(ingress.at("/spec/tls/0/hosts"))).containsExactly(host);
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isNotEmpty();
        assertThat(r.one("ConfigMap", container(r.one("Deployment", APP)).at("/envFrom/0/configMapRef/name").asText())
                .at("/data/EXPONENTIAL_PUBLIC_URL").asText()).isEqualTo("https://" + host);

        List<String> paths = new ArrayList<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            String p = path.path("path").asText();
            paths.add(p);
            assertThat(path.at("/backend/service/name").asText()).isEqualTo(APP);
            assertThat(p).as("nothing under /q is public").doesNotStartWith("/q");
            if (p.equals("/")) {
                assertThat(path.path("pathType").asText()).as("\"/\" as a prefix would expose /q").isEqualTo("Exact");
            }
        }
        assertThat(paths).contains("/", "/api", "/webhooks", "/signup", "/login", "/tokens", "/.well-known");
    }

    @Test
    void theIngressRoutesEveryPageApiAndStaticFileOfTheApplication() throws IOException {
        JsonNode ingress = render("prod").one("Ingress", APP);
        Set<String> prefixes = new HashSet<>();
        Set<String> exact = new HashSet<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            (path.path("pathType").asText().equals("Exact") ? exact : prefixes).add(path.path("path").asText());
        }
        Set<String> needed = new HashSet<>();
        for (String route : applicationRoutes()) {
            String first = route.equals("/") ? "/" : "/" + route.split("/")[1];
            if (!first.startsWith("/{") && !first.equals("/q")) {
                needed.add(first);
            }
        }
        try (var files = Files.list(Path.of("src/main/resources/META-INF/resources"))) {
            files.forEach(f -> needed.add("/" + f.getFileName()));
        }
        for (String first : needed) {
            assertThat(first.equals("/") ? exact : prefixes).as("the Ingress routes " + first).contains(first);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static final Pattern JAX_RS_PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("(?m)^(?:public |final |abstract )*(?:class|interface|record) \\w+");

    /** The paths of the application's JAX-RS resources: each class-level @Path joined with its methods' @Path. */
    private static Set<String> applicationRoutes() throws IOException {
        Set<String> routes = new HashSet<>();
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher type = TYPE_DECLARATION.matcher(text);
                Matcher path = JAX_RS_PATH.matcher(text);
                if (!type.find() || !path.find() || path.start() > type.start()) {
                    continue;
                }
                String root = "/" + path.group(1).replaceAll("^/+|/+$", "");
                routes.add(root);
                while (path.find()) {
                    routes.add((root.equals("/") ? "" : root) + "/" + path.group(1).replaceAll("^/+", ""));
                }
            }
        }
        assertThat(routes).as("JAX-RS resources found").contains("/api/v1/me", "/signup");
        return routes;
    }

    /** The rendered objects of one overlay. */
    record Rendered(List<JsonNode> objects) {
        JsonNode one(String kind, String name) {
            return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && name(o).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in the rendered manifests"));
        }

        List<String> kinds() {
            return objects.stream().map(o -> o.path("kind").asText()).toList();
        }
    }

    private static final Map<String, Rendered> RENDERED = new HashMap<>();

    private static synchronized Rendered render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::kustomize);
    }

    private static Rendered kustomize(String overlay) {
        String kubectl = findKubectl();
        try {
            File output = File.createTempFile("kustomize-" + overlay, ".yaml");
            output.deleteOnExit();
            Process process = new ProcessBuilder(kubectl, "kustomize", "k8s/overlays/" + overlay)
                    .redirectErrorStream(true).redirectOutput(output).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize k8s/overlays/" + overlay + " did not finish within 60 s");
            }
            String yaml = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("kubectl kustomize k8s/overlays/%s failed:%n%s", overlay, yaml).isZero();
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            List<JsonNode> objects = new ArrayList<>();
            try (var parser = mapper.createParser(yaml)) {
                mapper.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                    if (node instanceof ObjectNode) {
                        objects.add(node);
                    }
                });
            }
            return new Rendered(objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String findKubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = "kubectl is not on the PATH, so the Kubernetes manifests in k8s/ were not checked. "
                + "Install kubectl 1.27+ (with its built-in Kustomize) to run KubernetesManifestsTest.";
        if (Boolean.parseBoolean(System.getenv("EXPONENTIAL_REQUIRE_KUBECTL"))) {
            fail(message);
        }
        System.err.println("WARNING: " + message);
        Assumptions.abort(message);
        return null;
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    private static JsonNode container(JsonNode deployment) {
        for (JsonNode c : deployment.at("/spec/template/spec/containers")) {
            if (c.path("name").asText().equals("app")) {
                return c;
            }
        }
        throw new AssertionError("No container \"app\"");
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static String probe(JsonNode container, String probe) {
        JsonNode get = container.at("/" + probe + "/httpGet");
        assertThat(get.path("port").asText()).as(probe + " port").isIn("http", "8080");
        return get.path("path").asText();
    }

    private static JsonNode volumeAt(JsonNode pod, JsonNode container, String mountPath) {
        String volume = StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("mountPath").asText().equals(mountPath)).map(m -> m.path("name").asText())
                .findFirst().orElseThrow(() -> new AssertionError("Nothing is mounted at " + mountPath));
        return StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("No volume " + volume));
    }

    private static JsonNode databasePodLabels(Rendered r) {
        return r.objects.stream().filter(o -> o.path("kind").asText().equals("StatefulSet")).findFirst()
                .map(s -> s.at("/spec/template/metadata/labels"))
                .orElseGet(() -> r.one("Cluster", "exponential-db").at("/spec/inheritedMetadata/labels"));
    }

    private static String jdbcUrl(Rendered r) {
        String configMap = container(r.one("Deployment", APP)).at("/envFrom/0/configMapRef/name").asText();
        return r.one("ConfigMap", configMap).at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText();
    }

    /** Whether a label selector (matchLabels) picks objects with these labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).as("selector is not empty").isPositive();
        var fields = selector.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> ports(JsonNode rule) {
        return StreamSupport.stream(rule.path("ports").spliterator(), false)
                .map(p -> p.path("protocol").asText("TCP") + "/" + p.path("port").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as("memory quantity " + quantity + " in Mi or Gi").isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The variables the production profile cannot start without (%prod.x=${VARIABLE}). */
    private static Set<String> requiredInProduction() {
        try {
            Matcher m = PLACEHOLDER.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
            Set<String> names = new HashSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            assertThat(names).contains("EXPONENTIAL_JWT_SIGNING_KEY_FILE", "EXPONENTIAL_ENCRYPTION_KEY", "EXPONENTIAL_SESSION_KEY");
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration shutdownTimeout() {
        String value = applicationProperties().getProperty("quarkus.shutdown.timeout");
        assertThat(value).as("quarkus.shutdown.timeout is set").isNotNull();
        return Duration.parse("PT" + value.toUpperCase());
    }

    private static JsonNode exampleSecret() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("k8s/base/secret.example.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
