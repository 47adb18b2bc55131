package org.odpsexplorer.sdk.model;

import java.util.concurrent.CancellationException;

/**
 * A transfer stopped because its {@link CancelSignal} was raised. For uploads the server copy is untouched (parts
 * already sent are deleted best effort); for downloads nothing was changed.
 */
public class TransferCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    public TransferCancelledException(String what) {
        super("cancelled: " + what);
    }
}
