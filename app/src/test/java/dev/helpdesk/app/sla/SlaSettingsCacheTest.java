package dev.helpdesk.app.sla;

import static dev.helpdesk.app.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.helpdesk.app.db.Db;
import dev.helpdesk.app.db.Sql;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The active policies are kept in memory between requests, yet a change reaches the very next
 * request however it was made: through the API of this or another replica, or by hand in SQL.
 */
@QuarkusTest
@TestProfile(SlaSettingsCacheTest.OwnDesk.class)
class SlaSettingsCacheTest extends HelpDeskTest {
    /** Policies apply to every ticket of a desk: this test changes them by hand, so it gets a desk of its own. */
    public static class OwnDesk implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SLA_REMINDER_LEAD_MINUTES", "15");
        }
    }

    @Inject
    Db db;
    @Inject
    SlaSettings settings;

    String admin;
    String agent;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null).token();
    }

    private long policy(String name, long calendar) {
        return as(admin).body(Map.of("name", name, "position", 0, "calendarId", calendar,
                        "targets", Map.of("normal", Map.of("first_response", Map.of("minutes", 240)))))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private JsonPath ticket(long id) {
        return as(agent).get("/api/v1/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath listed(long id) {
        return as(agent).get("/api/v1/tickets?size=100").then().statusCode(200).extract().jsonPath()
                .setRootPath("items.find { it.id == " + id + " }");
    }

    @Test
    void policiesAndCalendarsChangedBySqlApplyAtTheNextRequest() {
        long calendar = Api.alwaysOpenCalendar(admin);
        long policy = policy(Api.unique("Standard"), calendar);
        long ticket = Api.ticket(agent, "Printer on fire");
        assertThat(ticket(ticket).getString("sla.policyName")).startsWith("Standard");

        db.tx(c -> Sql.update(c, "UPDATE sla_policies SET name = 'Renamed by hand' WHERE id = ?", policy));
        assertThat(ticket(ticket).getString("sla.policyName")).isEqualTo("Renamed by hand");
        assertThat(listed(ticket).getString("sla.policyName")).isEqualTo("Renamed by hand");

        // the calendar by hand too: an unusable time zone shows the clocks as unknown, at once
        db.tx(c -> Sql.update(c, "UPDATE business_calendars SET time_zone = 'Mars/Olympus' WHERE id = ?", calendar));
        assertThat(ticket(ticket).getString("sla.targets[0].status")).isEqualTo("unknown");
        db.tx(c -> Sql.update(c, "UPDATE business_calendars SET time_zone = 'UTC' WHERE id = ?", calendar));
        assertThat(ticket(ticket).getString("sla.targets[0].status")).isNotEqualTo("unknown");

        db.tx(c -> Sql.update(c, "UPDATE sla_policies SET active = false WHERE id = ?", policy));
        assertThat((Object) ticket(ticket).get("sla")).isNull();
        assertThat((Object) listed(ticket).get("sla")).isNull();
        long later = Api.ticket(agent, "Created while no policy is active");
        assertThat((Object) ticket(later).get("sla")).isNull();
    }

    @Test
    void policiesReadInsideATransactionThatRollsBackAreNotKept() {
        long calendar = Api.alwaysOpenCalendar(admin);
        String name = Api.unique("Never committed");
        assertThatThrownBy(() -> db.tx(c -> {
            Sql.update(c, "INSERT INTO sla_policies (name, position, calendar_id, targets) VALUES (?, 0, ?, "
                    + "'{\"normal\":{\"FIRST_RESPONSE\":{\"minutes\":60,\"businessHours\":true}}}'::jsonb)", name, calendar);
            assertThat(settings.policies(c).active()).extracting(SlaPolicy::name).contains(name);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        List<String> names = db.read(c -> settings.policies(c).active().stream().map(SlaPolicy::name).toList());
        assertThat(names).doesNotContain(name);
        assertThat(ticket(Api.ticket(agent, "After the rollback")).getString("sla.policyName")).isNotEqualTo(name);
    }
}
