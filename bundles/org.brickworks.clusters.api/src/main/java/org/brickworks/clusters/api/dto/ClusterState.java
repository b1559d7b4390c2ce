package org.brickworks.clusters.api.dto;

/** A cluster's state, as the Databricks Clusters API names them. */
public enum ClusterState {
    PENDING, RUNNING, RESTARTING, RESIZING, TERMINATING, TERMINATED, ERROR, UNKNOWN
}
