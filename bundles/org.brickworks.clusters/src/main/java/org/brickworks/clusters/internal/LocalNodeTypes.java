package org.brickworks.clusters.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.core.api.BrickworksException;

/** The node types of clusters on this host: sizes of the local driver JVM (heap and {@code local[N]} threads). */
final class LocalNodeTypes {
    static final List<NodeType> ALL = List.of(
            new NodeType("local-small", 2048, 1, "Local small: 1 core, 2 GB driver heap"),
            new NodeType("local-medium", 4096, 2, "Local medium: 2 cores, 4 GB driver heap"),
            new NodeType("local-large", 8192, 4, "Local large: 4 cores, 8 GB driver heap"));

    private LocalNodeTypes() {
    }

    /**
     * The node type {@code nodeTypeId}; the smallest for {@code null} (a spec that names none, or one stored before
     * clusters had node types).
     */
    static NodeType get(String nodeTypeId) {
        if (nodeTypeId == null) {
            return ALL.get(0);
        }
        return ALL.stream().filter(type -> type.nodeTypeId().equals(nodeTypeId)).findFirst()
                .orElseThrow(() -> BrickworksException.invalidParameter("Unknown node_type_id '" + nodeTypeId
                        + "'; node types: "
                        + ALL.stream().map(NodeType::nodeTypeId).collect(Collectors.joining(", "))));
    }
}
