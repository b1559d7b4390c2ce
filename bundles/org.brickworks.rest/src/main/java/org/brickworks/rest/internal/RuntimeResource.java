package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.core.api.ServiceSlot;
import org.brickworks.runtimes.api.RuntimeRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Clusters API 2.0 {@code spark-versions}: the runtime versions the installed runtime plugins offer. */
final class RuntimeResource {
    private final ServiceSlot<RuntimeRegistry> runtimes;
    private final ObjectMapper json;

    RuntimeResource(ServiceSlot<RuntimeRegistry> runtimes, ObjectMapper json) {
        this.runtimes = runtimes;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.get("clusters/spark-versions", this::sparkVersions));
    }

    private Object sparkVersions(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode versions = result.putArray("versions");
        runtimes.get().list()
                .forEach(runtime -> versions.addObject().put("key", runtime.key()).put("name", runtime.name()));
        return result;
    }
}
