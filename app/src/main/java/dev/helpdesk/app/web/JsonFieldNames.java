package dev.helpdesk.app.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/** Field errors name a field as it is spelled in JSON ({@code first_response}, {@code public}), not in Java. */
@Singleton
public class JsonFieldNames implements ValidatorFactoryCustomizer {
    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(new PropertyNodeNameProvider() {
            @Override
            public String getName(Property property) {
                if (property instanceof JavaBeanProperty bean) {
                    try {
                        JsonProperty json = bean.getDeclaringClass().getDeclaredField(property.getName()).getAnnotation(JsonProperty.class);
                        if (json != null && !json.value().isEmpty()) {
                            return json.value();
                        }
                    } catch (NoSuchFieldException e) {
                        // a getter without a field keeps its Java name
                    }
                }
                return property.getName();
            }
        });
    }
}
