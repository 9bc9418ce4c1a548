package dev.helpdesk.app.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP server metrics: latency as a Prometheus histogram (p50/p99 across replicas), and the
 * {@code uri} label always a route template or UNMATCHED, so requests to made-up paths (a scanner,
 * an OPTIONS or 405 on any path) cannot fill the label cap and push real endpoints out.
 */
public class HttpMetrics {
    private static final String HTTP_SERVER = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().startsWith(HTTP_SERVER)) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }

    @Produces
    @Singleton
    MeterFilter routeTemplatesOnly(RouteTemplates routes) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getName().startsWith(HTTP_SERVER) ? id.getTag("uri") : null;
                if (uri == null) {
                    return id;
                }
                String route = routes.normalize(uri);
                if (route.equals(uri)) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                for (Tag t : id.getTagsAsIterable()) {
                    tags.add(t.getKey().equals("uri") ? Tag.of("uri", route) : t);
                }
                return id.replaceTags(tags);
            }
        };
    }
}
