package dev.helpdesk.app.redis;

import dev.helpdesk.app.config.AppConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One shared Lettuce connection. While Redis is down, commands fail at once (instead of
 * queueing) so callers can degrade; Lettuce reconnects by itself when Redis returns.
 */
@ApplicationScoped
public class Redis {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public Redis(AppConfig config) {
        RedisURI uri = RedisURI.create(config.redisUrl());
        uri.setTimeout(TIMEOUT);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
    }

    /** Synchronous commands; throws a Lettuce exception when Redis cannot be reached. */
    public RedisCommands<String, String> sync() {
        return connection().sync();
    }

    /** A connection of its own for SUBSCRIBE (a subscribed connection can do nothing else); Lettuce re-subscribes after a reconnect. */
    public io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    public boolean ping() {
        try {
            return "PONG".equals(sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
