package org.brickworks.execution.internal;

import org.brickworks.agent.protocol.Result;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.ImageResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;

/**
 * The agent protocol's command statuses and results as the execution API's: the protocol is the wire format, private
 * to this bundle; the API's records are what other bundles see. Stateless.
 */
final class ProtocolResults {
    private ProtocolResults() {
    }

    static CommandStatus status(org.brickworks.agent.protocol.CommandStatus status) {
        return new CommandStatus(status.id(), CommandState.valueOf(status.status().name()),
                status.results() == null ? null : result(status.results()));
    }

    static CommandResult result(Result result) {
        if (result instanceof org.brickworks.agent.protocol.TextResult text) {
            return new TextResult(text.data(), text.exitsNotebook());
        }
        if (result instanceof org.brickworks.agent.protocol.TableResult table) {
            return new TableResult(table.schema().stream()
                    .map(c -> new TableResult.Column(c.name(), c.type(), c.metadata())).toList(), table.data(),
                    table.truncated());
        }
        if (result instanceof org.brickworks.agent.protocol.ImageResult image) {
            return new ImageResult(image.mimeType(), image.data());
        }
        org.brickworks.agent.protocol.ErrorResult error = (org.brickworks.agent.protocol.ErrorResult) result;
        return new ErrorResult(error.summary(), error.cause());
    }
}
