package org.brickworks.clusters.api.dto;

/**
 * Why a cluster terminated, as the Clusters API's {@code termination_reason}.
 *
 * @param code
 *            e.g. {@code USER_REQUEST}, {@code SPARK_STARTUP_FAILURE}, {@code DRIVER_UNREACHABLE}
 * @param type
 *            {@code SUCCESS}, {@code CLIENT_ERROR} or {@code SERVICE_FAULT}
 * @param message
 *            a readable explanation (the {@code databricks_error_message} parameter), empty when there is none
 */
public record TerminationReason(String code, String type, String message) {
}
