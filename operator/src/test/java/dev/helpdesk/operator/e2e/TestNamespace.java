package dev.helpdesk.operator.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.List;

/** A throwaway namespace per test class, so classes never see each other's objects. */
final class TestNamespace {
    static final String LABEL = "helpdesk.dev/e2e-test";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private TestNamespace() {
    }

    /** Creates e2e-xxxxxx, labelled with the test class so a leftover one can be traced back. */
    static String create(KubernetesClient client, Class<?> testClass) {
        String name = "e2e-" + randomSuffix(6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(LABEL, testClass.getSimpleName().toLowerCase()).endMetadata().build()).create();
        return name;
    }

    /**
     * Deletes the namespace without waiting for it; HelpDesks whose finalizers nobody will remove any
     * more (the operators are stopped by now) are freed so the namespace does not hang in Terminating.
     */
    static void delete(KubernetesClient client, String name) {
        try {
            client.namespaces().withName(name).delete();
            for (GenericKubernetesResource helpDesk : client.genericKubernetesResources(E2ESupport.HELPDESK_API_VERSION,
                    E2ESupport.HELPDESK_KIND).inNamespace(name).list().getItems()) {
                if (!helpDesk.getMetadata().getFinalizers().isEmpty()) {
                    client.genericKubernetesResources(E2ESupport.HELPDESK_API_VERSION, E2ESupport.HELPDESK_KIND).inNamespace(name)
                            .withName(helpDesk.getMetadata().getName()).edit(h -> {
                                h.getMetadata().setFinalizers(List.of());
                                return h;
                            });
                }
            }
        } catch (KubernetesClientException e) {
            System.out.println("[e2e] could not delete namespace " + name + ": " + e.getMessage());
        }
    }

    private static String randomSuffix(int length) {
        StringBuilder suffix = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}
