package dev.helpdesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one JSON line a Job role prints as its result; also written to the pod's termination
 * message file when there is one, where the operator reads it (DESIGN §4.5).
 */
public final class ResultLine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultLine() {}

    public static void emit(Map<String, Object> result) {
        String line;
        try {
            line = JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.println(line);
        System.out.flush();
        Path termination = Path.of(System.getenv().getOrDefault("TERMINATION_MESSAGE_PATH", "/dev/termination-log"));
        if (Files.isWritable(termination)) {
            try {
                Files.writeString(termination, line);
            } catch (IOException ignored) {
                // stdout still carries the result
            }
        }
    }
}
