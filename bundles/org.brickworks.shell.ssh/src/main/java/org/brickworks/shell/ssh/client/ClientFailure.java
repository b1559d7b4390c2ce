package org.brickworks.shell.ssh.client;

/** Why the client could not run the command, in one line for the user. */
final class ClientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ClientFailure(String message) {
        super(message);
    }

    /** The innermost message of a failure chain: "Connection refused" rather than SSHD's wrappers. */
    static String rootMessage(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return message;
    }
}
