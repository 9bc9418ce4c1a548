package dev.helpdesk.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code postgresql://user:pass@host:port/db?params} URL (the form Kubernetes secrets and
 * cloud providers hand out) translated to what the JDBC driver wants.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String variable, String value) {
        if (value.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(value, null, null);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(variable, "not a valid URL (" + e.getReason()
                    + "); expected postgresql://user:password@host:5432/database");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new ConfigException(variable, "scheme must be postgresql:// (got "
                    + (scheme == null ? "none" : scheme + "://") + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException(variable, "host is missing; expected postgresql://user:password@host:5432/database");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1) {
            throw new ConfigException(variable, "database name is missing; expected postgresql://user:password@host:5432/database");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isBlank()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
