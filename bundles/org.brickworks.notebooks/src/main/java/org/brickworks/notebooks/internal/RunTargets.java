package org.brickworks.notebooks.internal;

import org.brickworks.core.api.BrickworksException;

/** The notebook a {@code %run} names, resolved against the folder of the notebook that runs it. Stateless. */
final class RunTargets {
    private RunTargets() {
    }

    /**
     * The absolute path {@code command} ({@code ./x}, {@code ../y/z}, {@code other}, {@code /Shared/x}, optionally
     * quoted; arguments after the path are not supported and refused) names, from the notebook at {@code from}.
     */
    static String resolve(String from, String command) {
        String target = command.strip();
        if (target.length() > 1 && (target.startsWith("\"") && target.endsWith("\"")
                || target.startsWith("'") && target.endsWith("'"))) {
            target = target.substring(1, target.length() - 1);
        }
        if (target.isEmpty()) {
            throw BrickworksException.invalidParameter("%run needs a notebook path, e.g. %run ./setup");
        }
        if (target.chars().anyMatch(Character::isWhitespace)) {
            throw BrickworksException.invalidParameter("%run takes one notebook path; arguments are not supported: "
                    + command.strip());
        }
        return normalize(from, target);
    }

    /** The absolute path {@code target} names from the notebook at {@code from}: {@code .} and {@code ..} resolved. */
    static String normalize(String from, String target) {
        StringBuilder path = new StringBuilder(target.startsWith("/") ? "" : from.substring(0, from.lastIndexOf('/')));
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (path.length() == 0) {
                    throw BrickworksException.invalidParameter(
                            target + " leaves the workspace root (from " + from + ")");
                }
                path.setLength(path.lastIndexOf("/"));
            } else {
                path.append('/').append(segment);
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
