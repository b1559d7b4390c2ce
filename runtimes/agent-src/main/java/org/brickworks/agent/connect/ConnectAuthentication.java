package org.brickworks.agent.connect;

/**
 * Hands the token verifier to {@link ConnectTokenInterceptor}, which Spark instantiates by class name through its
 * no-argument constructor ({@code spark.connect.grpc.interceptor.classes}), so it cannot be given one. The agent
 * installs the verifier before it builds the SparkSession; one agent runs per JVM, so one verifier suffices.
 */
final class ConnectAuthentication {

    private static volatile ConnectTokenVerifier verifier;

    private ConnectAuthentication() {
    }

    static void install(ConnectTokenVerifier tokenVerifier) {
        verifier = tokenVerifier;
    }

    /** The installed verifier; an {@link IllegalStateException} if none is, so Connect never serves unprotected. */
    static ConnectTokenVerifier verifier() {
        ConnectTokenVerifier installed = verifier;
        if (installed == null) {
            throw new IllegalStateException("No Spark Connect token verifier installed: start Connect through the"
                    + " driver agent's --connect-port option");
        }
        return installed;
    }
}
