package dev.helpdesk.app.ui;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser without a browser: keeps cookies, reads the form token from each page, never follows redirects. */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    final Map<String, String> cookies = new HashMap<>();
    private final String baseUri;
    String lastToken;

    /** Against the app under test. */
    WebClient() {
        this(null);
    }

    /** Against the app at {@code baseUri} (another replica), e.g. http://127.0.0.1:8081. */
    WebClient(String baseUri) {
        this.baseUri = baseUri;
    }

    /** Requests without the API contract filter: pages are not part of the API document. */
    RequestSpecification request() {
        RequestSpecification r = given().noFilters().redirects().follow(false).cookies(cookies);
        return baseUri == null ? r : r.baseUri(baseUri);
    }

    Response get(String path) {
        return remember(request().get(path));
    }

    Response post(String path, Map<String, String> form) {
        return remember(request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).post(path));
    }

    /** A form with files, as a browser sends it: multipart, each file a part named {@code files}. */
    Response postWithFiles(String path, Map<String, String> form, Map<String, byte[]> files) {
        RequestSpecification r = request().contentType("multipart/form-data");
        form.forEach((name, value) -> r.multiPart(name, value));
        files.forEach((name, bytes) -> r.multiPart("files", name, bytes, "application/octet-stream"));
        return remember(r.post(path));
    }

    /** The form token of the last page, which a form posted from it carries. */
    String token() {
        return lastToken;
    }

    WebClient signIn(String email, String password) {
        get("/login");
        Response r = post("/login", Map.of("email", email, "password", password, "_csrf", token()));
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-in failed: " + r.statusCode() + "\n" + r.asString());
        }
        get("/tickets");
        return this;
    }

    Response remember(Response r) {
        r.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
        Matcher m = CSRF.matcher(r.asString());
        if (m.find()) {
            lastToken = m.group(1);
        }
        return r;
    }
}
