package dev.helpdesk.app.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@link AppConfig} through MicroProfile Config, which sees environment variables and test overrides alike. */
public class AppConfigProducer {

    @Produces
    @Singleton
    AppConfig appConfig() {
        var config = ConfigProvider.getConfig();
        return AppConfig.read(new ConfigReader(name -> config.getOptionalValue(name, String.class)));
    }
}
