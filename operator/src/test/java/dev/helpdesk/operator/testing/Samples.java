package dev.helpdesk.operator.testing;

import dev.helpdesk.operator.api.HelpDesk;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's samples/ files, as users apply them. */
public final class Samples {
    private Samples() {}

    public static Path dir() {
        Path p = Path.of("..", "samples");
        return Files.isDirectory(p) ? p : Path.of("samples");
    }

    public static HelpDesk helpDesk(String file, String namespace) {
        return load(file, HelpDesk.class, namespace);
    }

    public static <R extends io.fabric8.kubernetes.api.model.HasMetadata> R load(String file, Class<R> kind, String namespace) {
        try {
            R r = Serialization.unmarshal(Files.readString(dir().resolve(file)), kind);
            r.getMetadata().setNamespace(namespace);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
