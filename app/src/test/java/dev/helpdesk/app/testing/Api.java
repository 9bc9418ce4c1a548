package dev.helpdesk.app.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test client for the HTTP API: log in, create people and tickets, as a user would with curl. */
public final class Api {
    private static final AtomicInteger SEQ = new AtomicInteger();
    public static final String ADMIN_EMAIL = "admin@test.example";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
    }

    public static String admin() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    public static long organization(String adminToken, String name) {
        return as(adminToken).body(Map.of("name", name)).post("/api/v1/organizations")
                .then().statusCode(201).extract().<Number>path("id").longValue();
    }

    /** A user with a known password; returns {id, token}. */
    public record Person(long id, String email, String token) {}

    public static Person person(String adminToken, String role, Long organizationId) {
        String email = unique(role) + "@test.example";
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "name", role + " " + email,
                "role", role, "password", "password-123"));
        if (organizationId != null) {
            body.put("organizationId", organizationId);
        }
        long id = as(adminToken).body(body).post("/api/v1/users").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        return new Person(id, email, login(email, "password-123"));
    }

    public static long ticket(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/tickets").then().statusCode(201)
                .extract().<Number>path("id").longValue();
    }

    public static long ticket(String token, String subject) {
        return ticket(token, Map.of("subject", subject, "description", "Description of " + subject, "priority", "normal"));
    }

    /** A business calendar open around the clock (UTC), so SLA clocks run in plain minutes. */
    public static long alwaysOpenCalendar(String adminToken) {
        java.util.List<Map<String, String>> windows = java.util.stream.Stream.of("monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday").map(d -> Map.of("day", d, "start", "00:00", "end", "00:00")).toList();
        return as(adminToken).body(Map.of("name", unique("Always"), "timeZone", "UTC", "windows", windows, "holidays", java.util.List.of()))
                .post("/api/v1/business-calendars").then().statusCode(201).extract().<Number>path("id").longValue();
    }

    public static ValidatableResponse problem(ValidatableResponse r, int status, String type) {
        return r.statusCode(status).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("/" + type)).body("status", org.hamcrest.Matchers.equalTo(status));
    }
}
