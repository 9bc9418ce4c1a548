package dev.helpdesk.operator.testing;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Plays kubelet and the built-in controllers on the mock API server: Deployments and
 * StatefulSets become available, Jobs succeed (or fail, when told) and leave a pod whose
 * termination message carries the result line, as the real migrate role does.
 */
public class ClusterSimulator implements AutoCloseable {
    private final KubernetesClient client;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Map<String, String> failingJobs = new ConcurrentHashMap<>();
    private final java.util.Set<String> storedBackups = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failingContainers = new ConcurrentHashMap<>();
    private volatile boolean paused;
    private volatile boolean holdJobs;
    private volatile boolean holdDataServices;
    private final String schemaVersion = "2";

    public ClusterSimulator(KubernetesClient client) {
        this.client = client;
    }

    public ClusterSimulator start() {
        informers.add(client.apps().deployments().inAnyNamespace().inform(handler(this::deployment)));
        informers.add(client.apps().statefulSets().inAnyNamespace().inform(handler(this::statefulSet)));
        informers.add(client.batch().v1().jobs().inAnyNamespace().inform(handler(this::job)));
        informers.add(client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().inform(handler(this::autoscale)));
        informers.add(client.resources(HelpDesk.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(HelpDesk obj) {
            }

            @Override
            public void onUpdate(HelpDesk oldObj, HelpDesk newObj) {
            }

            @Override
            public void onDelete(HelpDesk obj, boolean unknown) {
                collectGarbage(obj.getMetadata().getUid(), obj.getMetadata().getNamespace());
            }
        }));
        return this;
    }

    /** The garbage collector's job: delete what the deleted owner owned, transitively. */
    private void collectGarbage(String ownerUid, String namespace) {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
        all.addAll(client.apps().statefulSets().inNamespace(namespace).list().getItems());
        all.addAll(client.services().inNamespace(namespace).list().getItems());
        all.addAll(client.secrets().inNamespace(namespace).list().getItems());
        all.addAll(client.configMaps().inNamespace(namespace).list().getItems());
        all.addAll(client.batch().v1().jobs().inNamespace(namespace).list().getItems());
        all.addAll(client.serviceAccounts().inNamespace(namespace).list().getItems());
        all.addAll(client.persistentVolumeClaims().inNamespace(namespace).list().getItems());
        all.addAll(client.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems());
        all.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems());
        all.addAll(client.network().v1().ingresses().inNamespace(namespace).list().getItems());
        all.addAll(client.pods().inNamespace(namespace).list().getItems());
        for (HasMetadata r : all) {
            if (r.getMetadata().getOwnerReferences() != null
                    && r.getMetadata().getOwnerReferences().stream().anyMatch(o -> ownerUid.equals(o.getUid()))) {
                quietly(() -> client.resource(r).delete());
                if (r.getMetadata().getUid() != null) {
                    collectGarbage(r.getMetadata().getUid(), namespace);
                }
            }
        }
    }

    /** The app's write_freeze row per namespace (one HelpDesk each): set by a backup Job's freeze step, cleared by unfreeze and restore. */
    private final Map<String, String> frozenSince = new ConcurrentHashMap<>();

    /** Since when the desk in {@code namespace} is read-only, if it is. */
    public java.util.Optional<String> writesFrozen(String namespace) {
        return java.util.Optional.ofNullable(frozenSince.get(namespace));
    }

    /** Backups whose files the simulated backup Jobs stored and no delete Job has deleted yet. */
    public java.util.Set<String> storedBackups() {
        return java.util.Set.copyOf(storedBackups);
    }

    private final java.util.Set<String> failingRollouts = ConcurrentHashMap.newKeySet();

    /** Deployments at this image tag never get a ready pod: their rollout exceeds its progress deadline. */
    public void failRollout(String version) {
        failingRollouts.add(version);
    }

    /** Versions whose migrate --dry-run says they cannot serve the database, and why. */
    private final Map<String, String> refusedVersions = new ConcurrentHashMap<>();

    public void refuseVersion(String version, String reason) {
        refusedVersions.put(version, reason);
    }

    private String dryRun(String version) {
        String reason = refusedVersions.get(version);
        return "{\"dryRun\":true,\"schemaVersion\":\"" + schemaVersion + "\",\"oldestServable\":\"" + schemaVersion + "\",\"canServe\":"
                + (reason == null) + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    /** The Job with this name fails in this (init) container, with this error; the containers before it succeed. */
    public void failJobIn(String name, String container, String error) {
        failingContainers.put(name, container);
        failingJobs.put(name, error);
    }

    /** Jobs with this name fail, with this message as the migrate role's error. */
    public void failJob(String name, String error) {
        failingJobs.put(name, error);
    }

    /** While held, nothing becomes ready (to observe intermediate states). */
    public void hold(boolean hold) {
        paused = hold;
        if (!hold) {
            client.apps().deployments().inAnyNamespace().list().getItems().forEach(this::deployment);
            client.apps().statefulSets().inAnyNamespace().list().getItems().forEach(this::statefulSet);
            client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(this::job);
        }
    }

    private volatile String holdJobsNamed;

    /** Jobs whose name contains this keep running until released with null (the others finish). */
    public void holdJobsNamed(String part) {
        holdJobsNamed = part;
        if (part == null) {
            client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(this::job);
        }
    }

    /** While held, Jobs keep running (to look at the install between migration start and end). */
    public void holdJobs(boolean hold) {
        holdJobs = hold;
        if (!hold) {
            client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(this::job);
        }
    }

    /** While held, StatefulSets (PostgreSQL, Redis) get no ready pod, but Jobs still finish (a migration racing the database). */
    public void holdDataServices(boolean hold) {
        holdDataServices = hold;
        if (!hold) {
            client.apps().statefulSets().inAnyNamespace().list().getItems().forEach(this::statefulSet);
        }
    }

    private <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }
        };
    }

    private void deployment(Deployment d) {
        if (paused) {
            return;
        }
        int replicas = d.getSpec().getReplicas() != null ? d.getSpec().getReplicas() : autoscaled(d);
        String version = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().replaceAll(".*:", "");
        if (failingRollouts.contains(version)) {
            // as the deployment controller reports pods that never become ready past progressDeadlineSeconds
            if (d.getStatus() != null && d.getStatus().getConditions() != null && d.getStatus().getConditions().stream()
                    .anyMatch(c -> "ProgressDeadlineExceeded".equals(c.getReason())) && Objects.equals(d.getStatus().getObservedGeneration(),
                    d.getMetadata().getGeneration())) {
                return;
            }
            d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(0).withAvailableReplicas(0)
                    .withUpdatedReplicas(replicas).withObservedGeneration(d.getMetadata().getGeneration())
                    .withConditions(new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder().withType("Progressing")
                            .withStatus("False").withReason("ProgressDeadlineExceeded")
                            .withMessage("ReplicaSet \"" + d.getMetadata().getName() + "-x\" has timed out progressing.").build())
                    .build());
            quietly(() -> client.apps().deployments().resource(d).updateStatus());
            return;
        }
        var s = d.getStatus();
        Long generation = d.getMetadata().getGeneration();
        if (s != null && Objects.equals(s.getAvailableReplicas(), replicas) && Objects.equals(s.getUpdatedReplicas(), replicas)
                && Objects.equals(s.getObservedGeneration(), generation)) {
            return;
        }
        d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas).withUpdatedReplicas(replicas).withObservedGeneration(generation).build());
        quietly(() -> client.apps().deployments().resource(d).updateStatus());
    }

    /** The HPA controller's part: keep the target at least at minReplicas through the scale subresource. */
    private void autoscale(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa) {
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        var target = client.apps().deployments().inNamespace(hpa.getMetadata().getNamespace())
                .withName(hpa.getSpec().getScaleTargetRef().getName());
        Deployment d = target.get();
        if (d != null && (d.getSpec().getReplicas() == null || d.getSpec().getReplicas() < min)) {
            quietly(() -> target.scale(min));
        }
    }

    /** No replicas in the spec: Kubernetes starts one, then the HPA scales to its minimum. */
    private int autoscaled(Deployment d) {
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName()).get();
        return hpa == null || hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
    }

    private void statefulSet(StatefulSet st) {
        if (paused || holdDataServices) {
            return;
        }
        claimVolumes(st);
        int replicas = st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
        Long generation = st.getMetadata().getGeneration();
        if (st.getStatus() != null && Objects.equals(st.getStatus().getReadyReplicas(), replicas)
                && Objects.equals(st.getStatus().getObservedGeneration(), generation)) {
            return;
        }
        // as the controller reports a finished rolling update: every pod from the newest revision
        String revision = st.getMetadata().getName() + "-" + generation;
        st.setStatus(new StatefulSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas).withCurrentReplicas(replicas).withUpdatedReplicas(replicas)
                .withObservedGeneration(generation).withCurrentRevision(revision).withUpdateRevision(revision).build());
        quietly(() -> client.apps().statefulSets().resource(st).updateStatus());
    }

    /** As the StatefulSet controller does: one claim per template, owned by the set only when its policy says Delete. */
    private void claimVolumes(StatefulSet st) {
        if (st.getSpec().getVolumeClaimTemplates() == null) {
            return;
        }
        boolean delete = st.getSpec().getPersistentVolumeClaimRetentionPolicy() != null
                && "Delete".equals(st.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        for (var template : st.getSpec().getVolumeClaimTemplates()) {
            String name = template.getMetadata().getName() + "-" + st.getMetadata().getName() + "-0";
            if (client.persistentVolumeClaims().inNamespace(st.getMetadata().getNamespace()).withName(name).get() != null) {
                continue;
            }
            var meta = new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                    .withNamespace(st.getMetadata().getNamespace()).withLabels(template.getMetadata().getLabels());
            if (delete) {
                meta.addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName(st.getMetadata().getName())
                        .withUid(st.getMetadata().getUid()).endOwnerReference();
            }
            quietly(() -> client.persistentVolumeClaims().resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                    .withMetadata(meta.build()).withSpec(template.getSpec()).build()).create());
        }
    }

    private void job(Job job) {
        String held = holdJobsNamed;
        if (paused || holdJobs || (held != null && job.getMetadata().getName().contains(held)) || (job.getStatus() != null && (job.getStatus().getSucceeded() != null || job.getStatus().getFailed() != null))) {
            return;
        }
        String name = job.getMetadata().getName();
        String error = failingJobs.get(name);
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        String role = container.getArgs() == null || container.getArgs().isEmpty() ? "" : container.getArgs().get(0);
        String backupName = container.getEnv() == null ? null : container.getEnv().stream()
                .filter(e -> e.getName().equals("BACKUP_NAME")).map(e -> e.getValue()).findFirst().orElse(null);
        String failedIn = failingContainers.getOrDefault(name, container.getName());
        boolean dryRun = container.getArgs() != null && container.getArgs().contains("--dry-run");
        String version = container.getImage().replaceAll(".*:", "");
        String ns = job.getMetadata().getNamespace();
        var inits = job.getSpec().getTemplate().getSpec().getInitContainers();
        // the freeze step runs first: it froze unless it is the step that failed
        if (inits != null && inits.stream().anyMatch(c -> "freeze".equals(c.getName())) && !(error != null && "freeze".equals(failedIn))) {
            frozenSince.putIfAbsent(ns, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
        String frozen = frozenSince.get(ns);
        String message = error != null ? "{\"error\":\"" + error + "\"}" : dryRun ? dryRun(version) : switch (role) {
            case "restore-files" -> "{\"restoredFrom\":\"" + backupName + "\",\"location\":\"/backups/" + backupName
                    + "/\",\"appVersion\":\"1.0.0\",\"schemaVersion\":\"" + schemaVersion + "\",\"attachments\":2"
                    + (frozenSince.remove(ns) != null ? ",\"writesUnfrozen\":true}" : "}");
            case "unfreeze-writes" -> {
                String was = frozenSince.remove(ns);
                yield "{\"writesFrozen\":false" + (was == null ? "}" : ",\"frozenSince\":\"" + was + "\"}");
            }
            case "backup" -> {
                storedBackups.add(backupName);
                yield "{\"name\":\"" + backupName + "\",\"location\":\"/backups/" + backupName + "/\",\"sizeBytes\":1572864,"
                        + "\"sha256\":\"" + "ab".repeat(32) + "\",\"appVersion\":\"1.0.0\",\"schemaVersion\":\"" + schemaVersion
                        + "\",\"attachments\":2" + (frozen == null ? "}" : ",\"writesFrozenSince\":\"" + frozen + "\"}");
            }
            case "delete-backup" -> "{\"deleted\":" + (storedBackups.remove(backupName) ? 3 : 0) + "}";
            default -> "{\"schemaVersion\":\"" + schemaVersion + "\",\"previousSchemaVersion\":null,\"migrationsApplied\":2,\"serverMajor\":16}";
        };
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", name);
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-pod").withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase(error == null ? "Succeeded" : "Failed")
                .withInitContainerStatuses(initStatuses(job, error == null ? null : failedIn, message))
                .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withNewState().withNewTerminated()
                        .withExitCode(error == null ? 0 : 1).withMessage(failedIn.equals(container.getName()) ? message : null)
                        .endTerminated().endState().build())
                .endStatus().build();
        quietly(() -> client.pods().resource(pod).create());
        job.setStatus(error == null ? new JobStatusBuilder().withSucceeded(1).build()
                : new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                        .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build()).build());
        quietly(() -> client.batch().v1().jobs().resource(job).updateStatus());
    }

    /** Init containers run in order: all succeed, or the one that fails ends the pod (later ones never ran). */
    private static List<io.fabric8.kubernetes.api.model.ContainerStatus> initStatuses(Job job, String failedIn, String message) {
        List<io.fabric8.kubernetes.api.model.ContainerStatus> out = new java.util.ArrayList<>();
        var inits = job.getSpec().getTemplate().getSpec().getInitContainers();
        for (var init : inits == null ? List.<io.fabric8.kubernetes.api.model.Container>of() : inits) {
            boolean fails = init.getName().equals(failedIn);
            out.add(new ContainerStatusBuilder().withName(init.getName()).withNewState().withNewTerminated().withExitCode(fails ? 1 : 0)
                    .withMessage(fails ? message : null).endTerminated().endState().build());
            if (fails) {
                break;
            }
        }
        return out;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a newer version of the object arrived meanwhile; its own event brings us back
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
