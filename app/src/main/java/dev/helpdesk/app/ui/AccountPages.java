package dev.helpdesk.app.ui;

import dev.helpdesk.app.auth.AccountLinks;
import dev.helpdesk.app.auth.AccountMessages;
import dev.helpdesk.app.auth.AccountResource;
import dev.helpdesk.app.auth.AccountService;
import dev.helpdesk.app.auth.TokenService;
import dev.helpdesk.app.auth.WebSessions;
import dev.helpdesk.app.web.ApiException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The account pages a signed-out visitor uses: forgot-password, choosing a password from an
 * emailed link, signing up and confirming the address. Forms carry the sign-in page's token; a
 * link's GET only shows a form (mail scanners open links), its POST uses the link.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED;

    @Inject @Location("ui/forgot-password.html") Template forgotPassword;
    @Inject @Location("ui/set-password.html") Template setPassword;
    @Inject @Location("ui/register.html") Template register;
    @Inject @Location("ui/verify-email.html") Template verifyEmail;
    @Inject @Location("ui/notice.html") Template notice;
    @Inject Pages pages;
    @Inject AccountService accounts;
    @Inject WebSessions webSessions;
    @Inject Validator validator;

    @GET
    @Path("forgot-password")
    public Response forgotPasswordPage(@CookieParam(FormToken.LOGIN_COOKIE) String formToken, @Context HttpServerRequest request) {
        return form(200, forgotPassword.data("email", "").data("errors", Map.of()), formToken, request);
    }

    @POST
    @Path("forgot-password")
    @Consumes(FORM)
    public Response forgotPassword(@FormParam("email") String email, @FormParam(FormToken.FIELD) String token,
                                   @CookieParam(FormToken.LOGIN_COOKIE) String formToken, @Context HttpServerRequest request) {
        if (!FormToken.matches(formToken, token)) {
            return pages.expiredForm();
        }
        Map<String, String> errors = errors(new AccountResource.ResetRequest(email));
        if (!errors.isEmpty()) {
            return form(400, forgotPassword.data("email", email == null ? "" : email).data("errors", errors), formToken, request);
        }
        accounts.requestReset(email);
        return pages.ok(notice.data("title", "Check your email").data("message", AccountMessages.RESET_SENT));
    }

    @GET
    @Path("set-password")
    public Response setPasswordPage(@QueryParam("token") String link, @CookieParam(FormToken.LOGIN_COOKIE) String formToken,
                                    @Context HttpServerRequest request) {
        var purpose = accounts.peek(link).filter(p -> p != AccountLinks.Purpose.VERIFY);
        if (purpose.isEmpty()) {
            return badLink();
        }
        return form(200, setPassword.data("link", link).data("invite", purpose.get() == AccountLinks.Purpose.INVITE)
                .data("errors", Map.of()), formToken, request);
    }

    @POST
    @Path("set-password")
    @Consumes(FORM)
    public Response setPassword(@FormParam("link") String link, @FormParam("password") String password, @FormParam("confirm") String confirm,
                                @FormParam(FormToken.FIELD) String token, @CookieParam(FormToken.LOGIN_COOKIE) String formToken,
                                @Context HttpServerRequest request) {
        if (!FormToken.matches(formToken, token)) {
            return pages.expiredForm();
        }
        Map<String, String> errors = errors(new AccountResource.NewPassword(link, password));
        if (errors.isEmpty() && !password.equals(confirm)) {
            errors.put("confirm", "The two passwords differ.");
        }
        if (errors.containsKey("token")) {
            return badLink();
        }
        if (errors.isEmpty()) {
            try {
                return signedIn(accounts.setPassword(link, password), request);
            } catch (ApiException e) {
                return badLink();
            }
        }
        return form(400, setPassword.data("link", link).data("invite", false).data("errors", errors), formToken, request);
    }

    @GET
    @Path("register")
    public Response registerPage(@CookieParam(FormToken.LOGIN_COOKIE) String formToken, @Context HttpServerRequest request) {
        if (!accounts.selfRegistration()) {
            return registrationOff();
        }
        return form(200, register.data("email", "").data("name", "").data("errors", Map.of()), formToken, request);
    }

    @POST
    @Path("register")
    @Consumes(FORM)
    public Response register(@FormParam("email") String email, @FormParam("name") String name, @FormParam("password") String password,
                             @FormParam(FormToken.FIELD) String token, @CookieParam(FormToken.LOGIN_COOKIE) String formToken,
                             @Context HttpServerRequest request) {
        if (!accounts.selfRegistration()) {
            return registrationOff();
        }
        if (!FormToken.matches(formToken, token)) {
            return pages.expiredForm();
        }
        Map<String, String> errors = errors(new AccountResource.Registration(email, name, password));
        if (!errors.isEmpty()) {
            return form(400, register.data("email", email == null ? "" : email).data("name", name == null ? "" : name)
                    .data("errors", errors), formToken, request);
        }
        accounts.register(email, name, password);
        return pages.ok(notice.data("title", "Check your email").data("message", AccountMessages.REGISTERED));
    }

    @GET
    @Path("verify-email")
    public Response verifyEmailPage(@QueryParam("token") String link, @CookieParam(FormToken.LOGIN_COOKIE) String formToken,
                                    @Context HttpServerRequest request) {
        if (accounts.peek(link).filter(p -> p == AccountLinks.Purpose.VERIFY).isEmpty()) {
            return badLink();
        }
        return form(200, verifyEmail.data("link", link), formToken, request);
    }

    @POST
    @Path("verify-email")
    @Consumes(FORM)
    public Response verifyEmail(@FormParam("link") String link, @FormParam(FormToken.FIELD) String token,
                                @CookieParam(FormToken.LOGIN_COOKIE) String formToken, @Context HttpServerRequest request) {
        if (!FormToken.matches(formToken, token)) {
            return pages.expiredForm();
        }
        try {
            return signedIn(accounts.verify(link), request);
        } catch (ApiException e) {
            return badLink();
        }
    }

    /** Done: the browser is signed in as the account it just set up, like after signing in. */
    private Response signedIn(long userId, HttpServerRequest request) {
        WebSessions.Started session = webSessions.start(userId);
        return Pages.seeOther("/tickets", pages.cookie(request, WebSessions.COOKIE, session.cookieToken(), NewCookie.SameSite.LAX, -1));
    }

    /** A signed-out form: its token is the sign-in page's cookie, set here when the browser has none yet. */
    private Response form(int status, TemplateInstance page, String formToken, HttpServerRequest request) {
        String token = formToken != null && formToken.length() == 43 ? formToken : TokenService.newCsrfToken();
        return pages.page(status, page.data("formCsrf", token),
                pages.cookie(request, FormToken.LOGIN_COOKIE, token, NewCookie.SameSite.STRICT, 3600));
    }

    private <T> Map<String, String> errors(T body) {
        return FieldMessages.into(validator, body, new LinkedHashMap<>());
    }

    private Response badLink() {
        return pages.message(400, "This link does not work",
                "It is invalid, has expired or was already used. Ask for a new one: use “Forgot your password?” on the sign-in page,"
                        + " or sign up again.");
    }


    private Response registrationOff() {
        return pages.message(404, "Sign-up is off", "This desk does not let people create their own accounts; ask the support team for one.");
    }
}
