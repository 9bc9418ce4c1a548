package dev.helpdesk.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks in docs/argocd (resource_customizations layout), run the way Argo CD
 * runs them: each health.lua through a Lua interpreter with the resource as the global {@code obj},
 * against every case of its health_test.yaml.
 */
class ArgoCdHealthTest {
    private static final Path CUSTOMIZATIONS = Path.of("..", "docs", "argocd", "resource_customizations", "helpdesk.dev");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TestFactory
    Stream<DynamicTest> everyKindHasAHealthCheckAndEachCaseGivesTheExpectedHealth() throws IOException {
        assertThat(CUSTOMIZATIONS.resolve("HelpDesk/health.lua")).exists();
        assertThat(CUSTOMIZATIONS.resolve("HelpDeskBackup/health.lua")).exists();
        assertThat(CUSTOMIZATIONS.resolve("HelpDeskRestore/health.lua")).exists();
        try (Stream<Path> kinds = Files.list(CUSTOMIZATIONS)) {
            return kinds.sorted().toList().stream().flatMap(ArgoCdHealthTest::cases);
        }
    }

    @SuppressWarnings("unchecked")
    private static Stream<DynamicTest> cases(Path kind) {
        try {
            String script = Files.readString(kind.resolve("health.lua"));
            Map<String, Object> tests = YAML.readValue(kind.resolve("health_test.yaml").toFile(), Map.class);
            List<Map<String, Object>> list = (List<Map<String, Object>>) tests.get("tests");
            assertThat(list).as(kind + "/health_test.yaml").isNotEmpty();
            return list.stream().map(t -> DynamicTest.dynamicTest(kind.getFileName() + " " + t.get("inputPath"), () -> {
                Map<String, Object> resource = YAML.readValue(kind.resolve((String) t.get("inputPath")).toFile(), Map.class);
                Map<String, Object> expected = (Map<String, Object>) t.get("healthStatus");
                LuaValue health = health(script, resource);
                assertThat(health.get("status").tojstring()).isEqualTo(expected.get("status"));
                assertThat(health.get("message").tojstring()).isEqualTo(expected.get("message"));
            }));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static LuaValue health(String script, Map<String, Object> resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", lua(resource));
        return globals.load(script, "health.lua").call();
    }

    private static LuaValue lua(Object value) {
        if (value instanceof Map<?, ?> map) {
            LuaTable table = new LuaTable();
            map.forEach((k, v) -> table.set(k.toString(), lua(v)));
            return table;
        }
        if (value instanceof List<?> list) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                table.set(i + 1, lua(list.get(i)));
            }
            return table;
        }
        if (value instanceof Number n) {
            return n instanceof Integer i ? LuaValue.valueOf(i) : LuaValue.valueOf(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        return value == null ? LuaValue.NIL : LuaValue.valueOf(value.toString());
    }
}
