package org.brickworks.agent.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a command produced, in the Command Execution API 1.2's shapes, told apart on the wire by {@code resultType}:
 * {@code text}, {@code table}, {@code error} and Brickworks' {@code image}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "resultType")
@JsonSubTypes({ @JsonSubTypes.Type(value = TextResult.class, name = "text"),
        @JsonSubTypes.Type(value = TableResult.class, name = "table"),
        @JsonSubTypes.Type(value = ErrorResult.class, name = "error"),
        @JsonSubTypes.Type(value = ImageResult.class, name = "image") })
public sealed interface Result permits TextResult, TableResult, ErrorResult, ImageResult {
}
