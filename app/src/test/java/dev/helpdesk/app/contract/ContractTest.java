package dev.helpdesk.app.contract;

import static io.restassured.RestAssured.given;
import static dev.helpdesk.app.testing.SampleFiles.PNG;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.Contract;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the published document, for every role that may call it, with one request
 * the document calls valid (it passes request validation, and the server answers 2xx) and one it
 * calls invalid (it fails request validation, and the server answers the 4xx the document lists).
 * The roles come from the document: public operations are anonymous, "Admins only" is admins,
 * "Agents and admins only" is both, anything else every signed-in role.
 */
@QuarkusTest
class ContractTest extends HelpDeskTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as a client would send it; {@code token} null means anonymous. */
    record Call(String method, String path, Map<String, String> query, String contentType, Object body, String accept, String token) {
        static Call of(String method, String path) {
            return new Call(method, path, Map.of(), null, null, null, null);
        }

        Call as(String t) {
            return new Call(method, path, query, contentType, body, accept, t);
        }

        Call json(Object b) {
            return new Call(method, path, query, b instanceof byte[] ? contentType : "application/json", b, accept, token);
        }

        Call type(String ct, Object b) {
            return new Call(method, path, query, ct, b, accept, token);
        }

        Call query(String k, String v) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put(k, v);
            return new Call(method, path, q, contentType, body, accept, token);
        }

        Call accept(String a) {
            return new Call(method, path, query, contentType, body, a, token);
        }

        byte[] bytes() {
            try {
                return body == null ? null : body instanceof byte[] b ? b : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The case of one operation: its valid and invalid call for a role. */
    record Case(BiFunction<String, String, Call> valid, BiFunction<String, String, Call> invalid) {}

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @jakarta.inject.Inject
    dev.helpdesk.app.auth.TokenService tokens;

    String admin;
    Api.Person agent;
    Api.Person customer;
    long org;
    long ticket;
    long comment;
    long attachment;
    long group;
    long calendar;
    long policy;
    long otherUser;

    @BeforeEach
    void desk() {
        admin = Api.admin();
        org = Api.organization(admin, Api.unique("Contract org"));
        agent = Api.person(admin, "agent", null);
        customer = Api.person(admin, "customer", org);
        ticket = Api.ticket(customer.token(), "Contract ticket");
        comment = Api.as(customer.token()).body(Map.of("body", "with a file")).post("/api/v1/tickets/" + ticket + "/comments")
                .then().statusCode(201).extract().<Number>path("id").longValue();
        attachment = given().header("Authorization", "Bearer " + customer.token()).contentType("image/png").body(PNG)
                .post("/api/v1/tickets/" + ticket + "/comments/" + comment + "/attachments").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        group = Api.as(admin).body(Map.of("name", Api.unique("Contract group"))).post("/api/v1/groups").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        calendar = Api.as(admin).body(calendarBody()).post("/api/v1/business-calendars").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        policy = Api.as(admin).body(policyBody()).post("/api/v1/sla-policies").then().statusCode(201).extract().<Number>path("id").longValue();
        otherUser = Api.person(admin, "customer", null).id();
    }

    private Map<String, Object> calendarBody() {
        return Map.of("name", Api.unique("Contract calendar"), "timeZone", "Europe/Berlin",
                "windows", List.of(Map.of("day", "monday", "start", "09:00", "end", "17:00")));
    }

    /** Inactive, so it applies to no ticket of the desk the other tests share. */
    private Map<String, Object> policyBody() {
        return Map.of("name", Api.unique("Contract policy"), "active", false, "calendarId", calendar,
                "targets", Map.of("normal", Map.of("first_response", Map.of("minutes", 60))));
    }

    private String token(String role) {
        return switch (role) {
            case "admin" -> admin;
            case "agent" -> agent.token();
            case "customer" -> customer.token();
            default -> null;
        };
    }

    /** A person of the role that nobody else uses, for calls that end sessions or change passwords. */
    private Api.Person fresh(String role) {
        return Api.person(admin, role.equals("admin") ? "admin" : role, role.equals("customer") ? org : null);
    }

    private Map<String, Case> cases() {
        Map<String, Case> c = new LinkedHashMap<>();
        String xml = "application/xml";
        c.put("login", new Case((r, t) -> Call.of("POST", "/api/v1/auth/login").json(Map.of("email", agent.email(), "password", "password-123")),
                (r, t) -> Call.of("POST", "/api/v1/auth/login").json(Map.of("email", agent.email()))));
        c.put("refreshSession", new Case((r, t) -> Call.of("POST", "/api/v1/auth/refresh").json(Map.of("refreshToken", given()
                        .contentType("application/json").body(Map.of("email", agent.email(), "password", "password-123"))
                        .post("/api/v1/auth/login").then().extract().path("refreshToken"))),
                (r, t) -> Call.of("POST", "/api/v1/auth/refresh").json(Map.of())));
        c.put("logout", new Case((r, t) -> Call.of("POST", "/api/v1/auth/logout").as(fresh(r).token()),
                (r, t) -> Call.of("POST", "/api/v1/auth/logout")));
        c.put("logoutEverywhere", new Case((r, t) -> Call.of("POST", "/api/v1/auth/logout-everywhere").as(fresh(r).token()),
                (r, t) -> Call.of("POST", "/api/v1/auth/logout-everywhere")));
        c.put("changeOwnPassword", new Case((r, t) -> Call.of("POST", "/api/v1/users/me/password").as(fresh(r).token())
                        .json(Map.of("currentPassword", "password-123", "newPassword", "another-password")),
                (r, t) -> Call.of("POST", "/api/v1/users/me/password").as(t).json(Map.of("currentPassword", "password-123"))));
        c.put("createApiToken", new Case((r, t) -> Call.of("POST", "/api/v1/api-tokens").as(t).json(Map.of("name", "ci")),
                (r, t) -> Call.of("POST", "/api/v1/api-tokens").as(t).json(Map.of("name", "ci", "expiresInDays", 0))));
        c.put("listApiTokens", new Case((r, t) -> Call.of("GET", "/api/v1/api-tokens").as(t),
                (r, t) -> Call.of("GET", "/api/v1/api-tokens").as(t).accept(xml)));
        c.put("revokeApiToken", new Case((r, t) -> Call.of("DELETE", "/api/v1/api-tokens/" + Api.as(t).body(Map.of("name", "tmp"))
                        .post("/api/v1/api-tokens").then().extract().<Number>path("id").longValue()).as(t),
                (r, t) -> Call.of("DELETE", "/api/v1/api-tokens/abc").as(t)));
        c.put("downloadAttachment", new Case((r, t) -> Call.of("GET", "/api/v1/attachments/" + attachment).as(t),
                (r, t) -> Call.of("GET", "/api/v1/attachments/abc").as(t)));
        c.put("createBusinessCalendar", new Case((r, t) -> Call.of("POST", "/api/v1/business-calendars").as(t).json(calendarBody()),
                (r, t) -> Call.of("POST", "/api/v1/business-calendars").as(t).json(Map.of("name", "x", "timeZone", "UTC", "windows", List.of()))));
        c.put("listBusinessCalendars", new Case((r, t) -> Call.of("GET", "/api/v1/business-calendars").as(t),
                (r, t) -> Call.of("GET", "/api/v1/business-calendars").as(t).accept(xml)));
        c.put("replaceBusinessCalendar", new Case((r, t) -> Call.of("PUT", "/api/v1/business-calendars/" + calendar).as(t).json(calendarBody()),
                (r, t) -> Call.of("PUT", "/api/v1/business-calendars/" + calendar).as(t).json(Map.of("name", "x"))));
        c.put("getBusinessCalendar", new Case((r, t) -> Call.of("GET", "/api/v1/business-calendars/" + calendar).as(t),
                (r, t) -> Call.of("GET", "/api/v1/business-calendars/abc").as(t)));
        c.put("importHolidays", new Case((r, t) -> Call.of("POST", "/api/v1/business-calendars/" + calendar + "/holidays").as(t)
                        .type("text/calendar", "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\n"),
                (r, t) -> Call.of("POST", "/api/v1/business-calendars/" + calendar + "/holidays").as(t).json(Map.of("holidays", List.of()))));
        c.put("createGroup", new Case((r, t) -> Call.of("POST", "/api/v1/groups").as(t).json(Map.of("name", Api.unique("G"))),
                (r, t) -> Call.of("POST", "/api/v1/groups").as(t).json(Map.of())));
        c.put("listGroups", new Case((r, t) -> Call.of("GET", "/api/v1/groups").as(t), (r, t) -> Call.of("GET", "/api/v1/groups").as(t).accept(xml)));
        c.put("getGroup", new Case((r, t) -> Call.of("GET", "/api/v1/groups/" + group).as(t), (r, t) -> Call.of("GET", "/api/v1/groups/abc").as(t)));
        c.put("addGroupMember", new Case((r, t) -> Call.of("PUT", "/api/v1/groups/" + group + "/members/" + agent.id()).as(t),
                (r, t) -> Call.of("PUT", "/api/v1/groups/" + group + "/members/abc").as(t)));
        c.put("removeGroupMember", new Case((r, t) -> Call.of("DELETE", "/api/v1/groups/" + group + "/members/" + agent.id()).as(t),
                (r, t) -> Call.of("DELETE", "/api/v1/groups/" + group + "/members/abc").as(t)));
        c.put("listOrganizations", new Case((r, t) -> Call.of("GET", "/api/v1/organizations").as(t).query("page", "1"),
                (r, t) -> Call.of("GET", "/api/v1/organizations").as(t).query("page", "0")));
        c.put("createOrganization", new Case((r, t) -> Call.of("POST", "/api/v1/organizations").as(t).json(Map.of("name", Api.unique("O"))),
                (r, t) -> Call.of("POST", "/api/v1/organizations").as(t).json(Map.of("name", 5))));
        c.put("updateOrganization", new Case((r, t) -> Call.of("PATCH", "/api/v1/organizations/" + org).as(t).json(Map.of("domain", "a.example")),
                (r, t) -> Call.of("PATCH", "/api/v1/organizations/" + org).as(t).json(Map.of("colour", "red"))));
        c.put("getOrganization", new Case((r, t) -> Call.of("GET", "/api/v1/organizations/" + org).as(t),
                (r, t) -> Call.of("GET", "/api/v1/organizations/abc").as(t)));
        c.put("createSlaPolicy", new Case((r, t) -> Call.of("POST", "/api/v1/sla-policies").as(t).json(policyBody()),
                (r, t) -> Call.of("POST", "/api/v1/sla-policies").as(t).json(Map.of("name", "no targets"))));
        c.put("listSlaPolicies", new Case((r, t) -> Call.of("GET", "/api/v1/sla-policies").as(t),
                (r, t) -> Call.of("GET", "/api/v1/sla-policies").as(t).accept(xml)));
        c.put("replaceSlaPolicy", new Case((r, t) -> Call.of("PUT", "/api/v1/sla-policies/" + policy).as(t).json(policyBody()),
                (r, t) -> Call.of("PUT", "/api/v1/sla-policies/" + policy).as(t).json(Map.of("name", "no targets"))));
        c.put("getSlaPolicy", new Case((r, t) -> Call.of("GET", "/api/v1/sla-policies/" + policy).as(t),
                (r, t) -> Call.of("GET", "/api/v1/sla-policies/abc").as(t)));
        c.put("slaReport", new Case((r, t) -> Call.of("GET", "/api/v1/sla/report").as(t).query("from", "2026-01-01"),
                (r, t) -> Call.of("GET", "/api/v1/sla/report").as(t).query("from", "last week")));
        c.put("listTickets", new Case((r, t) -> Call.of("GET", "/api/v1/tickets").as(t).query("status", "new,open"),
                (r, t) -> Call.of("GET", "/api/v1/tickets").as(t).query("status", "done")));
        c.put("createTicket", new Case((r, t) -> Call.of("POST", "/api/v1/tickets").as(t).json(Map.of("subject", "s", "description", "d")),
                (r, t) -> Call.of("POST", "/api/v1/tickets").as(t).json(Map.of("subject", "s"))));
        c.put("updateTicket", new Case((r, t) -> Call.of("PATCH", "/api/v1/tickets/" + Api.ticket(customer.token(), "to change")).as(t)
                        .json(r.equals("customer") ? Map.of("status", "solved") : Map.of("priority", "high")),
                (r, t) -> Call.of("PATCH", "/api/v1/tickets/" + ticket).as(t).json(Map.of("status", "done"))));
        c.put("getTicket", new Case((r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket).as(t), (r, t) -> Call.of("GET", "/api/v1/tickets/abc").as(t)));
        c.put("ticketAudit", new Case((r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket + "/audit").as(t),
                (r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket + "/audit").as(t).query("page", "0")));
        c.put("listComments", new Case((r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket + "/comments").as(t),
                (r, t) -> Call.of("GET", "/api/v1/tickets/abc/comments").as(t)));
        c.put("addComment", new Case((r, t) -> Call.of("POST", "/api/v1/tickets/" + ticket + "/comments").as(t).json(Map.of("body", "hi")),
                (r, t) -> Call.of("POST", "/api/v1/tickets/" + ticket + "/comments").as(t).json(Map.of())));
        c.put("getComment", new Case((r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket + "/comments/" + comment).as(t),
                (r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket + "/comments/abc").as(t)));
        c.put("uploadAttachment", new Case((r, t) -> Call.of("POST", "/api/v1/tickets/" + ticket + "/comments/" + comment + "/attachments")
                        .as(t).query("filename", "shot.png").type("image/png", PNG),
                (r, t) -> Call.of("POST", "/api/v1/tickets/" + ticket + "/comments/abc/attachments").as(t).type("image/png", PNG)));
        c.put("uploadTicketAttachment", new Case((r, t) -> Call.of("POST", "/api/v1/tickets/" + (r.equals("customer") ? ticket
                        : Api.ticket(customer.token(), "with a file")) + "/attachments").as(t).query("filename", "shot.png").type("image/png", PNG),
                (r, t) -> Call.of("POST", "/api/v1/tickets/abc/attachments").as(t).type("image/png", PNG)));
        c.put("listTicketAttachments", new Case((r, t) -> Call.of("GET", "/api/v1/tickets/" + ticket + "/attachments").as(t),
                (r, t) -> Call.of("GET", "/api/v1/tickets/abc/attachments").as(t)));
        c.put("requestPasswordReset", new Case((r, t) -> Call.of("POST", "/api/v1/auth/password-reset").json(Map.of("email", customer.email())),
                (r, t) -> Call.of("POST", "/api/v1/auth/password-reset").json(Map.of())));
        c.put("setPassword", new Case((r, t) -> Call.of("POST", "/api/v1/auth/set-password").json(Map.of("token", resetToken(),
                        "password", "a new passphrase")),
                (r, t) -> Call.of("POST", "/api/v1/auth/set-password").json(Map.of("token", "t"))));
        c.put("register", new Case((r, t) -> Call.of("POST", "/api/v1/auth/register").json(Map.of("email", Api.unique("signup") + "@test.example",
                        "name", "Sam", "password", "a long passphrase")),
                (r, t) -> Call.of("POST", "/api/v1/auth/register").json(Map.of("email", "not an address"))));
        c.put("verifyEmail", new Case((r, t) -> Call.of("POST", "/api/v1/auth/verify-email").json(Map.of("token", verificationToken())),
                (r, t) -> Call.of("POST", "/api/v1/auth/verify-email").json(Map.of())));
        c.put("inviteUser", new Case((r, t) -> Call.of("POST", "/api/v1/users/" + otherUser + "/invitation").as(t),
                (r, t) -> Call.of("POST", "/api/v1/users/abc/invitation").as(t)));
        c.put("listUsers", new Case((r, t) -> Call.of("GET", "/api/v1/users").as(t).query("role", "agent"),
                (r, t) -> Call.of("GET", "/api/v1/users").as(t).query("role", "boss")));
        c.put("createUser", new Case((r, t) -> Call.of("POST", "/api/v1/users").as(t).json(Map.of("email", Api.unique("u") + "@test.example",
                        "name", "U", "role", "customer")),
                (r, t) -> Call.of("POST", "/api/v1/users").as(t).json(Map.of("email", "not-an-email", "name", "U", "role", "agent"))));
        c.put("getMe", new Case((r, t) -> Call.of("GET", "/api/v1/users/me").as(t), (r, t) -> Call.of("GET", "/api/v1/users/me")));
        c.put("updateUser", new Case((r, t) -> Call.of("PATCH", "/api/v1/users/" + otherUser).as(t).json(Map.of("name", "Renamed")),
                (r, t) -> Call.of("PATCH", "/api/v1/users/" + otherUser).as(t).json(Map.of("active", "yes"))));
        c.put("getUser", new Case((r, t) -> Call.of("GET", "/api/v1/users/" + (r.equals("customer") ? customer.id() : otherUser)).as(t),
                (r, t) -> Call.of("GET", "/api/v1/users/abc").as(t)));
        c.put("health", new Case((r, t) -> Call.of("GET", "/api/health"), (r, t) -> Call.of("GET", "/api/health").accept(xml)));
        c.put("status", new Case((r, t) -> Call.of("GET", "/api/status"), (r, t) -> Call.of("GET", "/api/status").accept(xml)));
        c.put("workerHealth", new Case((r, t) -> Call.of("GET", "/health"), (r, t) -> Call.of("GET", "/health").accept(xml)));
        return c;
    }

    /** The token of a fresh reset link (as mailed) for a new user. */
    private String resetToken() {
        Api.Person someone = Api.person(admin, "customer", null);
        given().contentType("application/json").body(Map.of("email", someone.email())).post("/api/v1/auth/password-reset").then().statusCode(202);
        return linkToken(someone.email(), "reset");
    }

    /** The token of the confirmation link mailed to a new self-registration. */
    private String verificationToken() {
        String email = Api.unique("verify") + "@test.example";
        given().contentType("application/json").body(Map.of("email", email, "name", "V", "password", "a long passphrase"))
                .post("/api/v1/auth/register").then().statusCode(202);
        return linkToken(email, "verify");
    }

    private String linkToken(String email, String purpose) {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("SELECT l.nonce FROM account_links l JOIN users u ON u.id = l.user_id "
                + "WHERE lower(u.email) = lower(?) AND l.purpose = ? AND l.used_at IS NULL ORDER BY l.id DESC LIMIT 1")) {
            st.setString(1, email);
            st.setString(2, purpose);
            var rs = st.executeQuery();
            assertThat(rs.next()).as("a %s link for %s", purpose, email).isTrue();
            return tokens.linkToken(rs.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Operation id → roles that may call it, read from the document. */
    private static Map<String, List<String>> operations() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Contract.document());
        Map<String, List<String>> out = new LinkedHashMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode o = op.getValue();
            String forbidden = o.path("responses").path("403").path("description").asText("");
            List<String> roles = o.has("security") && o.path("security").isEmpty() ? List.of("anonymous")
                    : forbidden.equals("Admins only") ? List.of("admin")
                    : forbidden.equals("Agents and admins only") ? List.of("agent", "admin")
                    : List.of("customer", "agent", "admin");
            out.put(o.path("operationId").asText(), roles);
        }));
        return out;
    }

    private Response send(Call call) {
        RequestSpecification spec = given();
        if (call.token() != null) {
            spec.header("Authorization", "Bearer " + call.token());
        }
        if (call.contentType() != null) {
            spec.contentType(call.contentType());
        }
        if (call.accept() != null) {
            spec.accept(call.accept());
        }
        call.query().forEach(spec::queryParam);
        if (call.body() != null) {
            spec.body(call.bytes());
        }
        return spec.request(call.method(), call.path());
    }

    private static ValidationReport requestReport(OpenApiInteractionValidator validator, Call call) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(call.method(), call.path());
        if (call.token() != null) {
            b.withAuthorization("Bearer " + call.token());
        }
        if (call.contentType() != null) {
            b.withContentType(call.contentType());
        }
        b.withAccept(call.accept() != null ? call.accept() : "*/*");
        call.query().forEach(b::withQueryParam);
        if (call.body() != null) {
            b.withBody(call.bytes());
        }
        return validator.validateRequest(b.build());
    }

    @Test
    void everyOperationForEveryRoleWithAValidAndAnInvalidRequest() throws Exception {
        OpenApiInteractionValidator validator = Contract.validator(true);
        Map<String, Case> cases = cases();
        Map<String, List<String>> operations = operations();
        assertThat(cases.keySet()).as("a case for every operation of the document").containsExactlyInAnyOrderElementsOf(operations.keySet());
        Set<String> covered = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> op : operations.entrySet()) {
            for (String role : op.getValue()) {
                Case c = cases.get(op.getKey());
                Call valid = c.valid().apply(role, token(role));
                ValidationReport report = requestReport(validator, valid);
                Response answer = send(valid);
                if (report.hasErrors() || answer.statusCode() >= 300) {
                    problems.add(op.getKey() + " as " + role + ", valid request: " + answer.statusCode() + " " + report.getMessages()
                            + " " + answer.asString());
                }
                Call invalid = c.invalid().apply(role, token(role));
                ValidationReport bad = requestReport(validator, invalid);
                Response refused = send(invalid);
                if (!bad.hasErrors() || refused.statusCode() < 400 || refused.statusCode() >= 500) {
                    problems.add(op.getKey() + " as " + role + ", invalid request: " + refused.statusCode() + " document says "
                            + (bad.hasErrors() ? "invalid" : "valid") + " " + refused.asString());
                }
                covered.add(op.getKey() + "/" + role);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(covered).hasSizeGreaterThanOrEqualTo(operations.size());
    }
}
