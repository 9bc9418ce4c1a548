package dev.helpdesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CSRF: every state-changing page route (each @POST of the pages, found by reflection so a new
 * form cannot be forgotten) refuses a form without the page's token, signed in or not, and
 * changes nothing.
 */
@QuarkusTest
class EveryFormNeedsItsTokenTest extends HelpDeskTest {
    /** The page resources; a new one must be listed here (the test fails on an unlisted @Path class of this package). */
    private static final List<Class<?>> PAGES = List.of(UiResource.class, AccountPages.class, AttachmentPages.class, LiveResource.class,
            AdminPages.class, AdminSlaPolicyPages.class, AdminCalendarPages.class, AdminDirectoryPages.class, AdminReportPage.class);

    @Test
    void aFormWithoutItsTokenIsRefusedEverywhere() throws Exception {
        String admin = Api.admin();
        Api.Person customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
        long ticket = Api.ticket(customer.token(), "Untouched");
        List<String> routes = new ArrayList<>();
        for (Class<?> page : PAGES) {
            String root = page.getAnnotation(Path.class).value();
            for (Method m : page.getDeclaredMethods()) {
                if (m.isAnnotationPresent(POST.class)) {
                    String sub = m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "";
                    String path = ("/" + root + "/" + sub).replaceAll("/+", "/").replaceAll("\\{id[^/]*", Long.toString(ticket));
                    routes.add(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
                }
            }
        }
        assertThat(routes).as("the forms found").contains("/login", "/logout", "/tickets/new", "/tickets/bulk",
                "/tickets/" + ticket + "/comments", "/tickets/" + ticket + "/update", "/forgot-password", "/register",
                "/admin/sla-policies", "/admin/calendars", "/admin/users", "/admin/organizations", "/admin/groups");

        WebClient admins = new WebClient().signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String forged = Api.unique("Forged");
        var form = new java.util.HashMap<String, String>();
        form.putAll(Map.of("subject", "forged", "description", "forged", "body", "forged", "status", "solved", "assignee", "none",
                "ids", Long.toString(ticket), "email", customer.email(), "name", forged, "password", "forged password", "version", "1"));
        form.putAll(Map.of("role", "agent", "timeZone", "UTC", "mon", "09:00-17:00"));
        for (String route : routes) {
            assertThat(admins.post(route, form).statusCode()).as("signed in, POST %s without the token", route).isEqualTo(403);
            assertThat(admins.post(route, Map.of("_csrf", "x".repeat(43), "body", "forged")).statusCode())
                    .as("signed in, POST %s with a wrong token", route).isEqualTo(403);
        }
        for (String collection : List.of("/api/v1/groups", "/api/v1/organizations", "/api/v1/sla-policies", "/api/v1/business-calendars")) {
            assertThat(Api.as(admin).get(collection).asString()).as("nothing named %s created through %s", forged, collection).doesNotContain(forged);
        }
        Api.as(customer.token()).get("/api/v1/tickets/" + ticket).then().body("status", org.hamcrest.Matchers.equalTo("new"))
                .body("subject", org.hamcrest.Matchers.equalTo("Untouched"));
        Api.as(customer.token()).get("/api/v1/tickets/" + ticket + "/comments").then().body("$", org.hamcrest.Matchers.empty());
        assertThat(admins.get("/tickets").statusCode()).as("still signed in: logout without a token did nothing").isEqualTo(200);
    }

    @Test
    void everyPageResourceIsListed() throws Exception {
        try (var classes = java.nio.file.Files.list(java.nio.file.Path.of("target/classes/dev/helpdesk/app/ui"))) {
            List<String> withPath = new ArrayList<>();
            for (java.nio.file.Path f : classes.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                Class<?> c = Class.forName("dev.helpdesk.app.ui." + f.getFileName().toString().replace(".class", ""));
                if (c.isAnnotationPresent(Path.class)) {
                    withPath.add(c.getSimpleName());
                }
            }
            assertThat(PAGES.stream().map(Class::getSimpleName).toList()).as("page resources of dev.helpdesk.app.ui")
                    .containsExactlyInAnyOrderElementsOf(withPath);
        }
    }
}
