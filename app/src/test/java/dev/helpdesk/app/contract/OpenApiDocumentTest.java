package dev.helpdesk.app.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.app.testing.Contract;
import dev.helpdesk.app.testing.HelpDeskTest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * app/openapi.yaml is the document the running app publishes at /q/openapi, so clients can be
 * generated from the repository. After an API change: mvn -pl app test -Dtest=OpenApiDocumentTest -Dopenapi.update=true
 */
@QuarkusTest
class OpenApiDocumentTest extends HelpDeskTest {

    @Test
    void theCommittedDocumentIsThePublishedOne() throws Exception {
        String published = given().get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(Contract.DOCUMENT, published);
        }
        assertThat(Contract.document()).as("app/openapi.yaml is out of date; regenerate it with "
                + "mvn -pl app test -Dtest=OpenApiDocumentTest -Dopenapi.update=true").isEqualTo(published);
    }
}
