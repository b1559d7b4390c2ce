package org.brickworks.execution.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.LanguageRegistry;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CellLanguage} whiteboard by {@value CellLanguage#NAME_PROPERTY}: a name registered twice is taken from the
 * highest-ranked service (then the oldest); a service without a valid name is logged and ignored. Every change of the
 * plugin languages' driver jars goes to the drivers through {@link DriverState}. Thread-safe.
 */
@Component(service = LanguageRegistry.class)
public class CellLanguages implements LanguageRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CellLanguages.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Comparator<Registration> PREFERRED = Comparator.comparingInt(Registration::ranking)
            .reversed().thenComparingLong(Registration::serviceId);

    private record Registration(String name, CellLanguage language, int ranking, long serviceId) {
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final DriverState drivers;

    @Activate
    public CellLanguages(@Reference DriverState drivers) {
        this.drivers = drivers;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindLanguage(CellLanguage language, Map<String, Object> properties) {
        Object name = properties.get(CellLanguage.NAME_PROPERTY);
        if (!(name instanceof String text) || !NAME.matcher(text).matches()) {
            LOG.warn("Cell language {} has no valid {} (lower case letters, digits, dashes): ignored", language,
                    CellLanguage.NAME_PROPERTY);
            return;
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        registrations.add(new Registration(text, language, ranking instanceof Integer rank ? rank : 0,
                id instanceof Long serviceId ? serviceId : Long.MAX_VALUE));
        LOG.info("Cell language {} ({}) registered", text, language.placement());
        drivers.publishLanguages(driverJars());
    }

    void unbindLanguage(CellLanguage language, Map<String, Object> properties) {
        if (registrations.removeIf(registration -> registration.language() == language)) {
            LOG.info("Cell language {} unregistered", properties.get(CellLanguage.NAME_PROPERTY));
            drivers.publishLanguages(driverJars());
        }
    }

    @Override
    public SortedMap<String, CellLanguage> languages() {
        SortedMap<String, CellLanguage> languages = new TreeMap<>();
        registrations.stream().sorted(PREFERRED)
                .forEach(registration -> languages.putIfAbsent(registration.name(), registration.language()));
        return Collections.unmodifiableSortedMap(languages);
    }

    @Override
    public Optional<CellLanguage> find(String name) {
        return Optional.ofNullable(name == null ? null : languages().get(name));
    }

    @Override
    public CellLanguage require(String name) {
        if (name == null || name.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: language");
        }
        return find(name).orElseThrow(() -> BrickworksException.invalidParameter("Language " + name
                + " is not installed; installed languages: " + String.join(", ", languages().keySet())));
    }

    /** The jars of the languages drivers run, in name order; a language that cannot say is logged and skipped. */
    List<Path> driverJars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (Map.Entry<String, CellLanguage> entry : languages().entrySet()) {
            try {
                if (entry.getValue().placement() == CellLanguage.Placement.DRIVER) {
                    jars.addAll(entry.getValue().driverJars());
                }
            } catch (RuntimeException e) {
                LOG.warn("Cell language {} failed to name its driver jars: skipped", entry.getKey(), e);
            }
        }
        return new ArrayList<>(jars);
    }
}
