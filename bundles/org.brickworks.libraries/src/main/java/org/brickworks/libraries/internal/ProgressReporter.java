package org.brickworks.libraries.internal;

import org.brickworks.libraries.api.ResolutionListener;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes the resolver's download events on to a {@link ResolutionListener}; a failing listener is logged only. */
final class ProgressReporter extends AbstractTransferListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final ResolutionListener listener;

    ProgressReporter(ResolutionListener listener) {
        this.listener = listener;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        TransferResource resource = event.getResource();
        LOG.debug("Downloading {}", url(resource));
        tell(() -> listener.downloadStarted(url(resource), resource.getContentLength()));
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        tell(() -> listener.downloadProgressed(url(event.getResource()), event.getTransferredBytes()));
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        tell(() -> listener.downloadFinished(url(event.getResource()), event.getTransferredBytes()));
    }

    @Override
    public void transferFailed(TransferEvent event) {
        String reason = event.getException() == null ? "failed" : event.getException().getMessage();
        tell(() -> listener.downloadFailed(url(event.getResource()), reason));
    }

    private static String url(TransferResource resource) {
        return resource.getRepositoryUrl() + resource.getResourceName();
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A resolution listener failed; ignored", e);
        }
    }
}
