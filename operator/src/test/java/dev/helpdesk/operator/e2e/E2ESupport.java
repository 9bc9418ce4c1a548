package dev.helpdesk.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Base of end-to-end tests against a real API server (see ../shared/k8s/README.md): per test
 * class a client, the CRDs, a fresh namespace {@link #ns} and the audit log; operators started
 * with {@link #startOperator} are stopped after the class, even when it fails. Each test is
 * skipped (not failed) when KUBECONFIG is unset; so a subclass' own {@code @BeforeAll} should
 * return early when {@link #client} is null. HelpDesks are read generically so these tests do
 * not depend on the operator's API classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class E2ESupport {
    public static final String HELPDESK_API_VERSION = "helpdesk.dev/v1alpha1";
    public static final String HELPDESK_KIND = "HelpDesk";
    public static final String LEASE = "helpdesk-operator-leader";
    /** Outside the cluster the operator's client has no namespace of its own, so the Lease lives here. */
    public static final String LEASE_NAMESPACE = "default";
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** A Lease left by a killed holder expires after 15 s; then a standby needs a retry period or two. */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    /** The tests' own writes are made as this field manager and user agent, never mistaken for the operator's. */
    public static final String TEST_CLIENT = "helpdesk-e2e-tests";

    protected KubernetesClient client;
    /** The namespace of this test class, deleted afterwards. */
    protected String ns;
    /** The API server's audit log from the start of this class on. */
    protected AuditLog audit;

    private Path kubeconfig;
    private final List<OperatorProcess> operators = new ArrayList<>();

    // on failure, the operators' logs and the HelpDesks' conditions are what one needs first
    @RegisterExtension
    final TestWatcher printDiagnosticsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("[e2e] " + context.getDisplayName() + " failed; " + diagnostics());
        }
    };

    // without a cluster the class is set up as nothing, so that each test is reported as skipped (see skipWithoutCluster)
    @BeforeAll
    final void connectToCluster() {
        kubeconfig = E2EEnvironment.kubeconfig().orElse(null);
        if (kubeconfig == null) {
            return;
        }
        Config config = Config.fromKubeconfig(kubeconfig.toFile());
        config.setUserAgent(TEST_CLIENT);
        client = new KubernetesClientBuilder().withConfig(config).build();
        audit = AuditLog.startingNow(E2EEnvironment.auditLog(kubeconfig));
        Crds.applyOnce(client, E2EEnvironment.crdDirectory(), TEST_CLIENT);
        deleteOldLogs();
        ns = TestNamespace.create(client, getClass());
    }

    // an assumption in @BeforeAll would abort the class, which surefire counts as no test at all
    @BeforeEach
    final void skipWithoutCluster() {
        E2EEnvironment.assumeKubeconfig();
    }

    @AfterAll
    final void cleanUp() {
        try {
            operators.forEach(OperatorProcess::close);
        } finally {
            if (ns != null) {
                TestNamespace.delete(client, ns);
            }
            if (client != null) {
                client.close();
            }
        }
    }

    // ---- operators

    /** Starts the operator jar as process {@code name}; log in target/e2e-logs/&lt;TestClass&gt;-&lt;name&gt;.log. */
    protected OperatorProcess startOperator(String name) {
        return startOperator(name, new OperatorProcess.Options());
    }

    /** Starts the operator jar with extra environment or JVM arguments. */
    protected OperatorProcess startOperator(String name, OperatorProcess.Options options) {
        OperatorProcess operator = OperatorProcess.start(logPrefix() + name, E2EEnvironment.operatorJar(), kubeconfig,
                E2EEnvironment.logDirectory(), options);
        operators.add(operator);
        return operator;
    }

    /** All operators this class started, in start order (running or not). */
    protected List<OperatorProcess> operators() {
        return List.copyOf(operators);
    }

    /** The minimal sample reaches Ready and a backup of it succeeds, and nothing the operator did was refused by RBAC. */
    protected void installsAndBacksUpWithNothingForbidden(OperatorProcess operator, String backup) {
        installMinimalReady();
        apply("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDeskBackup
                metadata: {name: %s}
                spec: {helpDeskRef: {name: support}, reason: manual}
                """.formatted(backup));
        eventually("backup taken", Duration.ofMinutes(1), () -> assertThat((Object) client.genericKubernetesResources(
                HELPDESK_API_VERSION, "HelpDeskBackup").inNamespace(ns).withName(backup).get().get("status", "phase"))
                .isEqualTo("Succeeded"));
        assertThat(operator.logText().toLowerCase()).as("nothing the operator did was refused").doesNotContain("forbidden");
    }

    /** A kubeconfig that authenticates as ServiceAccount {@code name} of this namespace (a token of it) and nothing else. */
    protected Path kubeconfigOf(String serviceAccount) throws IOException {
        return kubeconfigOf(ns, serviceAccount);
    }

    /** A kubeconfig that authenticates as ServiceAccount {@code serviceAccount} of {@code namespace} and nothing else. */
    protected Path kubeconfigOf(String namespace, String serviceAccount) throws IOException {
        String token = client.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec()
                        .withExpirationSeconds(3600L).endSpec().build()).getStatus().getToken();
        Config admin = Config.fromKubeconfig(kubeconfig.toFile());
        String ca = admin.getCaCertData() != null ? admin.getCaCertData()
                : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(admin.getCaCertFile())));
        Path file = Files.createTempFile(serviceAccount + "-", ".kubeconfig");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: e2e, cluster: {server: "%s", certificate-authority-data: "%s"}}]
                users: [{name: operator, user: {token: "%s"}}]
                contexts: [{name: operator, context: {cluster: e2e, user: operator, namespace: "%s"}}]
                current-context: operator
                """.formatted(admin.getMasterUrl(), ca, token, namespace));
        return file;
    }

    /**
     * Starts the operator jar as the container of {@code pod} would run: with the environment the
     * kubelet gives it (values, and field references resolved from {@code fields}; LOG_FORMAT_JSON
     * aside, so the test reads plain lines) and the kubeconfig of its ServiceAccount.
     */
    protected OperatorProcess startOperatorAs(String name, io.fabric8.kubernetes.api.model.PodSpec pod, String namespace,
            Map<String, String> fields) throws IOException {
        OperatorProcess.Options options = new OperatorProcess.Options()
                .env("KUBECONFIG", kubeconfigOf(namespace, pod.getServiceAccountName()).toString());
        for (var env : pod.getContainers().get(0).getEnv()) {
            if (env.getName().equals("LOG_FORMAT_JSON")) {
                continue;
            }
            if (env.getValueFrom() != null) {
                String path = env.getValueFrom().getFieldRef().getFieldPath();
                assertThat(fields).as("a value for field %s of %s", path, env.getName()).containsKey(path);
                options.env(env.getName(), fields.get(path));
            } else {
                options.env(env.getName(), env.getValue() == null ? "" : env.getValue());
            }
        }
        return startOperator(name, options).awaitStarted();
    }

    /** The holder identity of the leader-election Lease, if anyone holds it. */
    protected Optional<String> leaseHolder() {
        Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).get();
        return Optional.ofNullable(lease).map(Lease::getSpec).map(s -> s.getHolderIdentity()).filter(h -> !h.isBlank());
    }

    /** Waits up to {@link #LEADER_TIMEOUT} until one of the started operators leads. */
    protected OperatorProcess awaitLeader() {
        return awaitLeader(LEADER_TIMEOUT);
    }

    /** Waits until one of the started, running operators holds the Lease (its identity starts with its POD_NAME). */
    protected OperatorProcess awaitLeader(Duration timeout) {
        eventually("one of the started operators holds Lease " + LEASE_NAMESPACE + "/" + LEASE, timeout, () -> {
            failIfEveryOperatorDied();
            assertThat(currentLeader()).as("leader among %s; the Lease is held by %s (another operator on this cluster "
                    + "keeps ours standing by)", operators, leaseHolder().orElse("nobody")).isPresent();
        });
        return currentLeader().orElseThrow();
    }

    private Optional<OperatorProcess> currentLeader() {
        Optional<String> holder = leaseHolder();
        return operators.stream().filter(OperatorProcess::isAlive)
                .filter(o -> holder.filter(h -> h.startsWith(o.name() + "-")).isPresent()).findFirst();
    }

    /** One operator, leading (else another operator on this cluster would do the work). */
    protected OperatorProcess startLeadingOperator() {
        OperatorProcess operator = startOperator("operator").awaitStarted();
        awaitLeader();
        return operator;
    }

    // ---- HelpDesks (generic, so changes to the API classes do not break the harness)

    /** The smallest installation (samples/helpdesk-minimal.yaml), named support, Ready. */
    protected void installMinimalReady() {
        applyHelpDesk("""
                apiVersion: helpdesk.dev/v1alpha1
                kind: HelpDesk
                metadata: {name: support}
                spec: {version: "1.0.0"}
                """);
        awaitReady("support");
    }

    /** The HelpDesks of this class' namespace. */
    protected NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> helpDesks() {
        return client.genericKubernetesResources(HELPDESK_API_VERSION, HELPDESK_KIND).inNamespace(ns);
    }

    /** Server-side applies a HelpDesk given as YAML into {@link #ns}, as a user would. */
    protected GenericKubernetesResource applyHelpDesk(String yaml) {
        GenericKubernetesResource helpDesk = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        helpDesk.getMetadata().setNamespace(ns);
        return helpDesks().resource(helpDesk).fieldManager(TEST_CLIENT).forceConflicts().serverSideApply();
    }

    /** Server-side applies any resources given as YAML (one or more documents) into {@link #ns}. */
    protected List<HasMetadata> apply(String yaml) {
        List<HasMetadata> items = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        return items.stream()
                .map(item -> client.resource(item).inNamespace(ns).fieldManager(TEST_CLIENT).forceConflicts().serverSideApply())
                .collect(Collectors.toList());
    }

    /** The HelpDesk as stored, or null. */
    protected GenericKubernetesResource helpDesk(String name) {
        return helpDesks().withName(name).get();
    }

    /** status.conditions of a HelpDesk (empty if it or its status is missing). */
    protected List<StatusCondition> conditions(String helpDesk) {
        GenericKubernetesResource resource = helpDesk(helpDesk);
        List<?> conditions = resource == null ? null : resource.get("status", "conditions");
        if (conditions == null) {
            return List.of();
        }
        return conditions.stream().filter(Map.class::isInstance).map(c -> StatusCondition.from((Map<?, ?>) c)).toList();
    }

    protected Optional<StatusCondition> condition(String helpDesk, String type) {
        return conditions(helpDesk).stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /** Waits until condition {@code type} has {@code status}; the failure shows all conditions. */
    protected StatusCondition awaitCondition(String helpDesk, String type, String status, Duration timeout) {
        eventually(type + "=" + status + " on HelpDesk " + ns + "/" + helpDesk, timeout, () -> {
            failIfEveryOperatorDied();
            List<StatusCondition> all = conditions(helpDesk);
            assertThat(all).as("status.conditions of %s", helpDesk)
                    .anyMatch(c -> type.equals(c.type()) && status.equals(c.status()));
        });
        return condition(helpDesk, type).orElseThrow();
    }

    /** Waits up to {@link #READY_TIMEOUT} for Ready=True. */
    protected StatusCondition awaitReady(String helpDesk) {
        return awaitCondition(helpDesk, "Ready", "True", READY_TIMEOUT);
    }

    /** The pre-upgrade backup froze writes and the operator's unfreeze Job lifted the freeze once the rollback was done. */
    protected void assertWritesFrozenAndLifted(String helpDesk, String version) {
        eventually("writes accepted again", Duration.ofMinutes(1), () -> {
            Map<String, Object> freeze = helpDesk(helpDesk).get("status", "writeFreeze");
            assertThat(freeze).containsEntry("version", version).containsKey("until").containsKey("frozenSeconds");
            assertThat((String) freeze.get("backup")).startsWith(helpDesk + "-pre-upgrade-" + version.replace('.', '-') + "-");
            assertThat(client.batch().v1().jobs().inNamespace(ns).withName(freeze.get("backup") + "-unfreeze").get().getStatus()
                    .getSucceeded()).isEqualTo(1);
        });
        String backup = (String) helpDesk(helpDesk).get("status", "writeFreeze", "backup");
        assertThat((Object) client.genericKubernetesResources(HELPDESK_API_VERSION, "HelpDeskBackup").inNamespace(ns).withName(backup).get()
                .get("status", "writesFrozen")).isEqualTo(true);
        assertThat(events("HelpDesk", helpDesk)).extracting(e -> e.getReason()).contains("WritesFrozen", "WritesUnfrozen");
    }

    // ---- waiting

    /** Retries {@code assertion} every 500 ms until it passes or {@code timeout} is over (then fails with its last error). */
    protected static void eventually(String what, Duration timeout, ThrowingRunnable assertion) {
        await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).untilAsserted(assertion);
    }

    // waiting minutes for a status nobody will write any more hides the real failure
    private void failIfEveryOperatorDied() {
        if (!operators.isEmpty() && operators.stream().noneMatch(OperatorProcess::isAlive)
                && operators.stream().anyMatch(OperatorProcess::exitedUnexpectedly)) {
            OperatorProcess last = operators.get(operators.size() - 1);
            throw new IllegalStateException("every operator has exited: " + operators + "\n" + last.logTail(40));
        }
    }

    // ---- events

    /** core/v1 Events in {@link #ns} about the object of that kind and name, oldest first. */
    protected List<Event> events(String kind, String name) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && kind.equals(e.getInvolvedObject().getKind())
                        && name.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(E2ESupport::lastSeen))
                .toList();
    }

    /** How often an Event with {@code reason} was reported about the object (the sum of the Events' count). */
    protected int eventCount(String kind, String name, String reason) {
        return events(kind, name).stream().filter(e -> reason.equals(e.getReason()))
                .mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
    }

    private static String lastSeen(Event event) {
        return Stream.of(event.getLastTimestamp(), event.getEventTime() == null ? null : event.getEventTime().getTime(),
                event.getFirstTimestamp(), event.getMetadata().getCreationTimestamp())
                .filter(Objects::nonNull).findFirst().orElse("");
    }

    // ---- diagnostics

    /** The started operators with their log tails and the conditions of every HelpDesk in {@link #ns}. */
    protected String diagnostics() {
        StringBuilder text = new StringBuilder("namespace ").append(ns).append('\n');
        try {
            if (client != null && ns != null) {
                for (GenericKubernetesResource helpDesk : helpDesks().list().getItems()) {
                    String name = helpDesk.getMetadata().getName();
                    text.append("HelpDesk ").append(name).append(": ").append(conditions(name)).append('\n');
                }
            }
        } catch (RuntimeException e) {
            text.append("(could not list HelpDesks: ").append(e.getMessage()).append(")\n");
        }
        for (OperatorProcess operator : operators) {
            text.append("operator ").append(operator).append(", last lines:\n").append(operator.logTail(30)).append('\n');
        }
        return text.toString();
    }

    private String logPrefix() {
        return getClass().getSimpleName() + "-";
    }

    // logs are appended to, so a class starts with none of its previous run's
    private void deleteOldLogs() {
        Path directory = E2EEnvironment.logDirectory();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> logs = Files.list(directory)) {
            for (Path log : logs.filter(l -> l.getFileName().toString().startsWith(logPrefix())).toList()) {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
