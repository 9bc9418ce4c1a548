package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin pages over HTTP: admins only (the API's rule), every form needs the page's token,
 * bad input comes back next to its field, what a form creates is what the API created, and the
 * settings page never shows a secret.
 */
@QuarkusTest
class AdminPagesTest extends HelpDeskTest {
    static final List<String> PAGES = List.of("/admin", "/admin/sla-policies", "/admin/calendars", "/admin/sla-report",
            "/admin/users", "/admin/organizations", "/admin/groups", "/admin/settings");
    static final List<String> FORMS = List.of("/admin/sla-policies", "/admin/calendars", "/admin/users", "/admin/organizations",
            "/admin/groups");

    private static WebClient admin() {
        return new WebClient().signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
    }

    /** A form for each admin form that would create something named {@code name} if it got through. */
    private static Map<String, String> validForm(String path, String name, String token) {
        Map<String, String> form = new HashMap<>(switch (path) {
            case "/admin/sla-policies" -> Map.of("name", name, "targets.urgent.first_response", "30",
                    "conditions.organizationIds", Long.toString(Long.MAX_VALUE - 1));
            case "/admin/calendars" -> Map.of("name", name, "timeZone", "UTC", "monday.start", "09:00", "monday.end", "17:00");
            case "/admin/users" -> Map.of("email", name.toLowerCase() + "@test.example", "name", name, "role", "admin",
                    "password", "password-123");
            default -> Map.of("name", name);
        });
        if (token != null) {
            form.put("_csrf", token);
        }
        return form;
    }

    /** Whether the API knows something named {@code name} behind the form at {@code path}. */
    private static boolean exists(String path, String name) {
        String admin = Api.admin();
        String list = switch (path) {
            case "/admin/sla-policies" -> Api.as(admin).get("/api/v1/sla-policies").asString();
            case "/admin/calendars" -> Api.as(admin).get("/api/v1/business-calendars").asString();
            case "/admin/users" -> Api.as(admin).queryParam("q", name).get("/api/v1/users").asString();
            // the newest organization (tests run one after the other): there a created one would be
            case "/admin/organizations" -> Api.as(admin).queryParam("size", 1)
                    .queryParam("page", Api.as(admin).get("/api/v1/organizations").jsonPath().getLong("total"))
                    .get("/api/v1/organizations").asString();
            default -> Api.as(admin).get("/api/v1/groups").asString();
        };
        return list.contains(name);
    }

    @Test
    void everyAdminPageOpensForAnAdminAndOnlyAdminsSeeTheAdminLink() {
        WebClient admin = admin();
        assertThat(admin.get("/tickets").asString()).contains("<a href=\"/admin\">Admin</a>");
        for (String page : PAGES) {
            Response r = admin.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/html");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
        }
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        assertThat(new WebClient().signIn(agent.email(), "password-123").get("/tickets").asString())
                .doesNotContain("href=\"/admin\"");
    }

    @Test
    void agentsAndCustomersAreRefusedEveryAdminPageAndForm() {
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        Api.Person customer = Api.person(Api.admin(), "customer", Api.organization(Api.admin(), Api.unique("org")));
        for (Api.Person p : List.of(agent, customer)) {
            WebClient browser = new WebClient().signIn(p.email(), "password-123");
            for (String page : PAGES) {
                Response r = browser.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(403);
                assertThat(r.asString()).contains("Admins only");
            }
            browser.get("/tickets");
            for (String form : FORMS) {
                String name = Api.unique("Sneaky");
                Response r = browser.post(form, validForm(form, name, browser.token()));
                assertThat(r.statusCode()).as(form).isEqualTo(403);
                assertThat(r.asString()).contains("Admins only");
                assertThat(exists(form, name)).as("nothing was created by " + form).isFalse();
            }
        }
        WebClient stranger = new WebClient();
        for (String page : PAGES) {
            assertThat(stranger.get(page).header("Location")).as(page).endsWith("/login?next=" + page);
        }
    }

    @Test
    void anAdminFormWithoutThePagesTokenIsRefusedAndCreatesNothing() {
        WebClient admin = admin();
        for (String form : FORMS) {
            String name = Api.unique("Forged");
            Response missing = admin.post(form, validForm(form, name, null));
            assertThat(missing.statusCode()).as(form).isEqualTo(403);
            assertThat(missing.asString()).contains("The form has expired");
            assertThat(admin.post(form, validForm(form, name, "x".repeat(43))).statusCode()).as(form).isEqualTo(403);
            assertThat(exists(form, name)).as("nothing was created by " + form).isFalse();
        }
        // the same forms with the page's token go through: the refusals above were about the token
        admin.get("/admin");
        for (String form : FORMS) {
            String name = Api.unique("Real");
            Response created = admin.post(form, validForm(form, name, admin.token()));
            assertThat(created.statusCode()).as(form + ": " + created.asString()).isEqualTo(303);
            assertThat(exists(form, name)).as(form).isTrue();
        }
    }

    @Test
    void badPolicyInputComesBackNextToItsFieldWithEverythingTyped() {
        WebClient admin = admin();
        admin.get("/admin/sla-policies");
        Map<String, String> form = new HashMap<>(Map.of("name", " ", "position", "first", "targets.normal.first_response", "soon",
                "targets.normal.resolution", "480", "conditions.tags", "vip, printer", "_csrf", admin.token()));
        Response r = admin.post("/admin/sla-policies", form);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"name-error\"", "id=\"position-error\"", "id=\"targets.normal.first_response-error\"")
                .contains("value=\"soon\"", "value=\"480\"", "value=\"first\"", "value=\"vip, printer\"")
                .contains("aria-invalid=\"true\"");

        form.putAll(Map.of("name", Api.unique("Zero"), "position", "", "targets.normal.first_response", "0"));
        Response zero = admin.post("/admin/sla-policies", form);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.asString()).contains("id=\"targets.normal.first_response-error\"").doesNotContain("id=\"name-error\"");

        // the API's own rules (not only the form's) come back at their field too
        Response none = admin.post("/admin/sla-policies", Map.of("name", Api.unique("Empty"), "_csrf", admin.token()));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.asString()).contains("id=\"targets-error\"", "At least one priority needs a goal.");
        Response noSuchOrganization = admin.post("/admin/sla-policies", Map.of("name", Api.unique("Ghost"),
                "conditions.organizationIds", "x", "targets.low.resolution", "60", "_csrf", admin.token()));
        assertThat(noSuchOrganization.statusCode()).isEqualTo(400);
        assertThat(noSuchOrganization.asString()).contains("id=\"organizations-error\"");
        assertThat(exists("/admin/sla-policies", "Zero-")).isFalse();
    }

    @Test
    void badCalendarAndPeopleInputComesBackNextToItsField() {
        WebClient admin = admin();
        admin.get("/admin/calendars");
        Response cal = admin.post("/admin/calendars", Map.of("name", "Office", "timeZone", "Mars/Olympus_Mons", "monday.start", "9am",
                "monday.end", "17:00", "tuesday.start", "09:00", "holidays", "2026-12-25\n2026-13-01", "_csrf", admin.token()));
        assertThat(cal.statusCode()).isEqualTo(400);
        assertThat(cal.asString()).contains("id=\"holidays-error\"", "id=\"tuesday-error\"", "2026-13-01", "value=\"9am\"",
                "value=\"Mars/Olympus_Mons\"");
        Response zone = admin.post("/admin/calendars", Map.of("name", "Office", "timeZone", "Mars/Olympus_Mons", "monday.start", "9am",
                "monday.end", "17:00", "_csrf", admin.token()));
        assertThat(zone.statusCode()).isEqualTo(400);
        assertThat(zone.asString()).contains("id=\"timeZone-error\"", "id=\"monday-error\"", "Must be a time like 09:00.");

        Response user = admin.post("/admin/users", Map.of("email", "not-an-address", "name", "Pat", "role", "agent",
                "password", "short", "_csrf", admin.token()));
        assertThat(user.statusCode()).isEqualTo(400);
        assertThat(user.asString()).contains("id=\"email-error\"", "id=\"password-error\"", "value=\"not-an-address\"", "value=\"Pat\"")
                .doesNotContain("value=\"short\"");
        Response taken = admin.post("/admin/users", Map.of("email", Api.ADMIN_EMAIL, "name", "Copy", "role", "agent",
                "_csrf", admin.token()));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.asString()).contains("id=\"email-error\"", "A user with this email already exists.");

        Response org = admin.post("/admin/organizations", Map.of("name", "", "domain", "example.com", "_csrf", admin.token()));
        assertThat(org.statusCode()).isEqualTo(400);
        assertThat(org.asString()).contains("id=\"name-error\"", "value=\"example.com\"");
        Response group = admin.post("/admin/groups", Map.of("name", "", "_csrf", admin.token()));
        assertThat(group.statusCode()).isEqualTo(400);
        assertThat(group.asString()).contains("id=\"name-error\"");
    }

    @Test
    void aPolicyCreatedThroughThePageAppliesToTheNextTicketOfItsOrganization() {
        long org = Api.organization(Api.admin(), Api.unique("Initech"));
        Api.Person customer = Api.person(Api.admin(), "customer", org);
        String name = Api.unique("Initech gold");
        WebClient admin = admin();
        admin.get("/admin/sla-policies");
        Response created = admin.post("/admin/sla-policies", Map.of("name", name, "position", "0", "active", "on",
                "conditions.organizationIds", Long.toString(org), "targets.normal.first_response", "45",
                "targets.normal.resolution", "480", "_csrf", admin.token()));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(303);
        String list = admin.get(created.header("Location").replaceFirst("^https?://[^/]+", "")).asString();
        assertThat(list).contains("id=\"created\"", name, "45 min", "8 h");

        JsonPath policy = Api.as(Api.admin()).get("/api/v1/sla-policies").jsonPath();
        assertThat(policy.getList("findAll { it.name == '" + name + "' }.targets.normal.first_response.minutes")).containsExactly(45);
        assertThat(policy.getList("findAll { it.name == '" + name + "' }.calendarId")).containsExactly((Object) null);

        long ticket = Api.ticket(customer.token(), "Fax is down");
        assertThat(Api.as(Api.admin()).get("/api/v1/tickets/" + ticket).jsonPath().getString("sla.policyName")).isEqualTo(name);
        assertThat(admin.get("/tickets/" + ticket).asString()).contains("SLA: " + name);
    }

    @Test
    void theSettingsPageShowsTheConfigurationButNoSecret() {
        String html = admin().get("/admin/settings").asString();
        assertThat(html).contains("RATE_LIMIT_MAX_REQUESTS", "1000000", "REDIS_URL", "redis://127.0.0.1:", "STORAGE_PATH");
        assertThat(html).contains("HELPDESK_SECRET").contains("••••")
                .doesNotContain("test-signing-key-that-is-long-enough-0123456789");
        assertThat(html).contains("DATABASE_URL password</code></th><td><span class=\"secret\">••••</span>");
        assertThat(html).contains("HELPDESK_SECRET</code></th><td><span class=\"secret\">••••</span>");
    }

    @Test
    void theReportShowsTheApisFiguresAsATableAndAnAccessibleChart() {
        long org = Api.organization(Api.admin(), Api.unique("Umbrella"));
        Api.Person customer = Api.person(Api.admin(), "customer", org);
        Api.Person agent = Api.person(Api.admin(), "agent", null);
        WebClient admin = admin();
        admin.get("/admin/sla-policies");
        assertThat(admin.post("/admin/sla-policies", Map.of("name", Api.unique("Umbrella"), "position", "0", "active", "on",
                "conditions.organizationIds", Long.toString(org), "targets.high.first_response", "60", "_csrf", admin.token()))
                .statusCode()).isEqualTo(303);
        long ticket = Api.ticket(customer.token(), Map.of("subject", "Reactor", "description", "Glowing", "priority", "high"));
        Api.as(agent.token()).body(Map.of("body", "On it", "public", true)).post("/api/v1/tickets/" + ticket + "/comments")
                .then().statusCode(201);

        JsonPath api = Api.as(Api.admin()).get("/api/v1/sla/report").jsonPath();
        String html = admin.get("/admin/sla-report").asString();
        assertThat(html).contains("<svg", "role=\"img\"", "aria-labelledby=\"chart-title chart-desc\"", "<title id=\"chart-title\">",
                "<desc id=\"chart-desc\">", "id=\"report-table\"").doesNotContain("<script>");
        List<Map<String, Object>> rows = api.getList("targets");
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            assertThat(html).contains("<tr data-metric=\"" + row.get("metric") + "\" data-priority=\"" + row.get("priority") + "\"><td>"
                    + row.get("metric") + "</td><td>" + row.get("priority") + "</td><td>" + row.get("met") + "</td><td>" + row.get("breached"));
        }
        assertThat(html).contains("First response, high:").containsPattern("<rect class=\"bar\" x=\"190\" y=\"\\d+\" width=\"\\d+\"");
        assertThat(html).contains("id=\"breached-total\">" + api.getLong("breached") + "<");

        Response bad = admin.request().queryParam("from", "last week").get("/admin/sla-report");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("id=\"from-error\"", "value=\"last week\"");
    }
}
