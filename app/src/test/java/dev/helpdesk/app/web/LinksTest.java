package dev.helpdesk.app.web;

import static dev.helpdesk.app.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import dev.helpdesk.app.testing.Api;
import dev.helpdesk.app.testing.HelpDeskTest;
import dev.helpdesk.app.testing.HttpEdgeProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Location headers come from HELPDESK_PUBLIC_URL, whatever Host the client sends. */
@QuarkusTest
@TestProfile(HttpEdgeProfile.class)
class LinksTest extends HelpDeskTest {

    @Test
    void locationIsBuiltFromThePublicUrlNotTheHostHeader() {
        String agent = Api.person(Api.admin(), "agent", null).token();
        String location = as(agent).header("Host", "evil.example").body(Map.of("subject", "s", "description", "d"))
                .post("/api/v1/tickets").then().statusCode(201).extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        org.assertj.core.api.Assertions.assertThat(location).isEqualTo(HttpEdgeProfile.PUBLIC_URL + "/api/v1/tickets/" + id);
        String comment = as(agent).body(Map.of("body", "hello")).post("/api/v1/tickets/" + id + "/comments").then().statusCode(201)
                .extract().header("Location");
        // the Location of a comment is a resource that exists
        as(agent).get(comment.substring(HttpEdgeProfile.PUBLIC_URL.length())).then().statusCode(200).body("body", equalTo("hello"));
    }
}
