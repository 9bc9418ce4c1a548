package dev.helpdesk.app.web;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's route templates ({@code /api/v1/tickets/{id}}), read from the resource classes, so a
 * concrete path can be named by its route and anything else by one label: what a client sends
 * can never invent new metric series.
 */
@ApplicationScoped
public class RouteTemplates {
    public static final String UNMATCHED = "UNMATCHED";
    /** Labels Quarkus itself uses for requests no route took. */
    private static final Set<String> KEPT = Set.of("NOT_FOUND", "REDIRECTION", "root", UNMATCHED);
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    private record Route(String template, Pattern pattern) {}

    private volatile List<Route> routes;

    /** The route template {@code uri} belongs to (itself when it is one), or {@link #UNMATCHED}. */
    public String normalize(String uri) {
        if (KEPT.contains(uri)) {
            return uri;
        }
        for (Route r : routes()) {
            if (r.template().equals(uri) || r.pattern().matcher(uri).matches()) {
                return r.template();
            }
        }
        return UNMATCHED;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        List<Route> out = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            out.add(route(root.value(), ""));
            for (Method m : type.getMethods()) {
                Path sub = m.getAnnotation(Path.class);
                if (sub != null) {
                    out.add(route(root.value(), sub.value()));
                }
            }
        }
        // literal segments first: /users/me before /users/{id}
        out.sort(Comparator.comparingLong((Route r) -> VARIABLE.matcher(r.template()).results().count())
                .thenComparing(r -> -r.template().length()));
        return List.copyOf(out);
    }

    private static Route route(String base, String sub) {
        String template = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (template.length() > 1 && template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(template, Pattern.compile(regex.toString()));
    }
}
