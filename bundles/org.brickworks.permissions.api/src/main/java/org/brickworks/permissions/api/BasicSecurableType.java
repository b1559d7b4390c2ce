package org.brickworks.permissions.api;

import java.util.List;

/**
 * A {@link SecurableType} whose name, object type, levels and owner level are fixed when it is made; a subclass says
 * only how to {@linkplain #resolve resolve} an object.
 */
public abstract class BasicSecurableType implements SecurableType {
    private final String name;
    private final String objectType;
    private final List<Level> levels;
    private final String ownerLevel;

    protected BasicSecurableType(String name, String objectType, List<Level> levels, String ownerLevel) {
        this.name = name;
        this.objectType = objectType;
        this.levels = List.copyOf(levels);
        this.ownerLevel = ownerLevel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String objectType() {
        return objectType;
    }

    @Override
    public List<Level> levels() {
        return levels;
    }

    @Override
    public String ownerLevel() {
        return ownerLevel;
    }
}
