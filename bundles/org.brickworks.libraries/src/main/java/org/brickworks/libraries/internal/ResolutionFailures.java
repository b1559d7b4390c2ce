package org.brickworks.libraries.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.ChecksumFailureException;

/**
 * Translates the resolver's failure into the platform's error model. A repository that could not be reached or served a
 * corrupt file is TEMPORARILY_UNAVAILABLE (trying again may succeed) even when other repositories said "not found"; an
 * artifact no repository has is RESOURCE_DOES_NOT_EXIST. The message is the resolver's own: it names the artifact and
 * the repositories.
 */
final class ResolutionFailures {
    private ResolutionFailures() {
    }

    static BrickworksException translate(DependencyResolutionException failure) {
        List<Throwable> causes = causes(failure);
        Optional<Throwable> unavailable = causes.stream().filter(ResolutionFailures::isUnavailable).findFirst();
        Optional<Throwable> notFound = causes.stream().filter(ArtifactNotFoundException.class::isInstance).findFirst();
        if (unavailable.isPresent()) {
            return failure(ErrorCode.TEMPORARILY_UNAVAILABLE, failure, unavailable.get());
        }
        if (notFound.isPresent()) {
            return failure(ErrorCode.RESOURCE_DOES_NOT_EXIST, failure, notFound.get());
        }
        return failure(ErrorCode.INTERNAL_ERROR, failure, causes.get(causes.size() - 1));
    }

    private static boolean isUnavailable(Throwable cause) {
        return cause instanceof ChecksumFailureException
                || cause instanceof ArtifactTransferException && !(cause instanceof ArtifactNotFoundException);
    }

    /** The resolver's summary ("Failed to collect dependencies at ...") followed by the reason that decided it. */
    private static BrickworksException failure(ErrorCode code, Throwable failure, Throwable reason) {
        String summary = String.valueOf(failure.getMessage());
        String message = reason == failure || summary.contains(String.valueOf(reason.getMessage())) ? summary
                : summary + ": " + reason.getMessage();
        return new BrickworksException(code, message, failure);
    }

    /** Every throwable in the cause chains, including the per-artifact failures a resolution collects. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable next = pending.remove(pending.size() - 1);
            if (next == null || !seen.add(next)) {
                continue;
            }
            found.add(next);
            pending.add(next.getCause());
            pending.addAll(List.of(next.getSuppressed()));
            if (next instanceof ArtifactResolutionException resolution) {
                for (ArtifactResult result : resolution.getResults()) {
                    pending.addAll(result.getExceptions());
                }
            }
            if (next instanceof DependencyResolutionException dependencies && dependencies.getResult() != null
                    && dependencies.getResult().getCollectExceptions() != null) {
                pending.addAll(dependencies.getResult().getCollectExceptions());
            }
        }
        return found;
    }
}
