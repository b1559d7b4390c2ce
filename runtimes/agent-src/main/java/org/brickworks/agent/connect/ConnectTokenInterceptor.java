package org.brickworks.agent.connect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;

/**
 * Lets a Spark Connect call through only with metadata {@code authorization: Bearer <token>} (or
 * {@code x-brickworks-token: <token>}) whose token the {@link ConnectTokenVerifier} accepts; any other call ends at
 * once with {@code UNAUTHENTICATED}. Spark creates it by class name (its gRPC is shaded into
 * {@code org.sparkproject.connect.grpc} on both Spark lines), so it takes its verifier from
 * {@link ConnectAuthentication}. Thread-safe.
 */
public final class ConnectTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    /**
     * The token as a header of its own: stock PySpark turns on TLS for a connection string with {@code token=}, but
     * sends any other parameter as plain metadata, so {@code sc://host:port/;x-brickworks-token=<token>} attaches.
     */
    static final Metadata.Key<String> TOKEN = Metadata.Key.of("x-brickworks-token", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectTokenInterceptor.class);
    private static final String BEARER = "bearer ";

    private final ConnectTokenVerifier verifier;

    /** For Spark: uses the verifier the agent installed. */
    public ConnectTokenInterceptor() {
        this(ConnectAuthentication.verifier());
    }

    ConnectTokenInterceptor(ConnectTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String token = headers.get(TOKEN);
        String refusal = refusal(token != null ? BEARER + token : headers.get(AUTHORIZATION));
        if (refusal == null) {
            return next.startCall(call, headers);
        }
        LOG.debug("Refused Spark Connect call {}: {}", call.getMethodDescriptor().getFullMethodName(), refusal);
        call.close(Status.UNAUTHENTICATED.withDescription(refusal), new Metadata());
        return new ServerCall.Listener<ReqT>() {
        };
    }

    /** Why the header is refused, or null when its token is accepted. */
    String refusal(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "Spark Connect on this cluster needs the metadata 'authorization: Bearer <token>' or"
                    + " 'x-brickworks-token: <token>' (a personal access token)";
        }
        if (!verifier.accepts(authorization.substring(BEARER.length()).strip())) {
            return "The bearer token was not accepted by this cluster";
        }
        return null;
    }
}
