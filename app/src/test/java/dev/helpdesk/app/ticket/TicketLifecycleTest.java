package dev.helpdesk.app.ticket;

import static dev.helpdesk.app.testing.Api.as;
import static dev.helpdesk.app.testing.Api.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status transitions, replies that move tickets, and the audit trail of every change. */
@QuarkusTest
class TicketLifecycleTest extends HelpDeskTest {
    String admin;
    Api.Person agent;
    Api.Person customer;

    @BeforeEach
    void people() {
        admin = Api.admin();
        agent = Api.person(admin, "agent", null);
        customer = Api.person(admin, "customer", Api.organization(admin, Api.unique("Org")));
    }

    @Test
    void createdTicketHasTheContractShape() {
        as(customer.token()).body(Map.of("subject", "  Cannot print  ", "description", "Paper jam", "priority", "high"))
                .post("/api/v1/tickets").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/v1/tickets/\\d+")).body("id", notNullValue())
                .body("subject", equalTo("Cannot print")).body("status", equalTo("new")).body("priority", equalTo("high"))
                .body("requesterId", equalTo((int) customer.id())).body("sla", nullValue())
                .body("tags", equalTo(List.of())).body("createdAt", notNullValue());
    }

    @Test
    void allowedTransitionsAreEnforced() {
        long t = Api.ticket(agent.token(), "Transitions");
        patchStatus(t, "pending").statusCode(200).body("status", equalTo("pending"));
        patchStatus(t, "on_hold").statusCode(200);
        patchStatus(t, "open").statusCode(200);
        problem(patchStatus(t, "new"), 409, "invalid-transition").body("errors[0].field", equalTo("status"));
        problem(patchStatus(t, "closed"), 409, "invalid-transition");
        patchStatus(t, "solved").statusCode(200).body("solvedAt", notNullValue());
        patchStatus(t, "open").statusCode(200).body("solvedAt", nullValue());
        patchStatus(t, "solved").statusCode(200);
        patchStatus(t, "closed").statusCode(200).body("closedAt", notNullValue());
    }

    @Test
    void aClosedTicketIsNotReopenedByAnEditOrAReply() {
        long t = Api.ticket(agent.token(), "Closed for good");
        patchStatus(t, "solved");
        patchStatus(t, "closed").statusCode(200);
        problem(patchStatus(t, "open"), 409, "ticket-closed");
        problem(as(agent.token()).body(Map.of("subject", "renamed")).patch("/api/v1/tickets/" + t).then(), 409, "ticket-closed");
        problem(as(agent.token()).body(Map.of("body", "one more thing")).post("/api/v1/tickets/" + t + "/comments").then(),
                409, "ticket-closed");
        as(agent.token()).get("/api/v1/tickets/" + t).then().body("status", equalTo("closed")).body("subject", equalTo("Closed for good"));
    }

    @Test
    void customerReplyReopensASolvedTicketAndAnswersAPendingOne() {
        long t = Api.ticket(customer.token(), "Reopen me");
        as(agent.token()).body(Map.of("body", "Fixed, please check")).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(agent.token()).get("/api/v1/tickets/" + t).then().body("status", equalTo("open"));
        patchStatus(t, "solved");
        as(customer.token()).body(Map.of("body", "Still broken")).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(agent.token()).get("/api/v1/tickets/" + t).then().body("status", equalTo("open"));
        patchStatus(t, "pending");
        as(customer.token()).body(Map.of("body", "Here is the info")).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(agent.token()).get("/api/v1/tickets/" + t).then().body("status", equalTo("open"));
    }

    @Test
    void internalNotesDoNotMoveTheTicket() {
        long t = Api.ticket(customer.token(), "Quiet note");
        as(agent.token()).body(Map.of("body", "looking", "public", false)).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(agent.token()).get("/api/v1/tickets/" + t).then().body("status", equalTo("new"));
    }

    @Test
    void everyChangeIsAuditedWithWhoWhatWhenAndOldAndNewValues() {
        long t = Api.ticket(customer.token(), "Audit me");
        as(agent.token()).body(Map.of("priority", "urgent", "tags", List.of("VIP", "billing"))).patch("/api/v1/tickets/" + t)
                .then().statusCode(200).body("tags", equalTo(List.of("billing", "vip")));
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigneeId", null);
        as(agent.token()).body(Map.of("assigneeId", agent.id())).patch("/api/v1/tickets/" + t).then().statusCode(200);
        as(agent.token()).body(unassign).patch("/api/v1/tickets/" + t).then().statusCode(200).body("assigneeId", nullValue());
        as(agent.token()).body(Map.of("body", "note", "public", false)).post("/api/v1/tickets/" + t + "/comments").then().statusCode(201);
        as(agent.token()).get("/api/v1/tickets/" + t + "/audit").then().statusCode(200)
                .body("total", equalTo(5))
                .body("items[0].action", equalTo("created")).body("items[0].actorId", equalTo((int) customer.id()))
                .body("items[0].changes.subject.to", equalTo("Audit me"))
                .body("items[1].changes.priority.from", equalTo("normal")).body("items[1].changes.priority.to", equalTo("urgent"))
                .body("items[1].actorId", equalTo((int) agent.id())).body("items[1].createdAt", notNullValue())
                .body("items[2].changes.assigneeId.to", equalTo((int) agent.id()))
                .body("items[2].changes.status.from", equalTo("new")).body("items[2].changes.status.to", equalTo("open"))
                .body("items[3].changes.assigneeId.from", equalTo((int) agent.id()))
                .body("items[4].action", equalTo("noted"))
                .body("items.action", hasItems("created", "updated", "noted"));
    }

    @Test
    void aPatchThatChangesNothingWritesNoAuditEntry() {
        long t = Api.ticket(agent.token(), "No-op");
        as(agent.token()).body(Map.of("priority", "normal")).patch("/api/v1/tickets/" + t).then().statusCode(200);
        as(agent.token()).get("/api/v1/tickets/" + t + "/audit").then().body("total", equalTo(1));
    }

    private io.restassured.response.ValidatableResponse patchStatus(long ticket, String status) {
        return as(agent.token()).body(Map.of("status", status)).patch("/api/v1/tickets/" + ticket).then();
    }

    @Test
    void withoutAPublicUrlLocationIsAPathAndNeverTheClientsHost() {
        String location = as(agent.token()).header("Host", "evil.example").body(Map.of("subject", "s", "description", "d"))
                .post("/api/v1/tickets").then().statusCode(201).extract().header("Location");
        org.assertj.core.api.Assertions.assertThat(location).startsWith("/api/v1/tickets/").doesNotContain("evil");
    }

    @Test
    void auditTimesFollowTheOrderOfChangesUnderConcurrentEdits() throws Exception {
        long t = Api.ticket(agent.token(), "Busy ticket");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    if (n % 2 == 0) {
                        as(agent.token()).body(Map.of("priority", n % 4 == 0 ? "high" : "low")).patch("/api/v1/tickets/" + t).then().statusCode(200);
                    } else {
                        as(agent.token()).body(Map.of("body", "note " + n, "public", false)).post("/api/v1/tickets/" + t + "/comments")
                                .then().statusCode(201);
                    }
                }));
            }
            for (var w : work) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        java.util.List<Map<String, Object>> events = as(agent.token()).queryParam("size", 100).get("/api/v1/tickets/" + t + "/audit").then()
                .statusCode(200).extract().jsonPath().getList("items");
        org.assertj.core.api.Assertions.assertThat(events).hasSizeGreaterThan(20); // 20 notes, and the priority changes that changed something
        java.time.Instant previous = java.time.Instant.MIN;
        for (Map<String, Object> e : events) { // listed in id order
            java.time.Instant at = java.time.Instant.parse((String) e.get("createdAt"));
            org.assertj.core.api.Assertions.assertThat(at).as("audit event %s", e.get("id")).isAfterOrEqualTo(previous);
            previous = at;
        }
    }
}
