package org.odpsexplorer.app.transfer;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;
import org.odpsexplorer.sdk.model.CancelSignal;

/**
 * One upload or download in the transfers panel. Properties change on the FX thread only; the worker reports
 * through the owning {@link TransferViewModel}.
 */
public final class Transfer {
    public enum Direction { UPLOAD, DOWNLOAD }

    /** {@code QUEUED}: waiting for one of the transfer threads (see {@link TransferViewModel}). */
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private final Direction direction;
    private final String name;
    private final String target;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.RUNNING);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final StringProperty speed = new SimpleStringProperty(this, "speed", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper(this, "errorDetails", "");
    private volatile CancelSignal cancel = new CancelSignal();
    private @Nullable Runnable retry;

    Transfer(Direction direction, String name, String target) {
        this.direction = direction;
        this.name = name;
        this.target = target;
    }

    public Direction direction() {
        return direction;
    }

    /** The resource name. */
    public String name() {
        return name;
    }

    /** The other end: the local file for downloads, the project for uploads. */
    public String target() {
        return target;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** 0..1, or -1 while the size is unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty speedProperty() {
        return speed;
    }

    /** Status text: done, cancelled, or the server's code and message on failure. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Copyable details of a failure (code, message, request id), empty otherwise. */
    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    void setErrorDetails(String text) {
        errorDetails.set(text);
    }

    CancelSignal cancelSignal() {
        return cancel;
    }

    void resetCancel() {
        cancel = new CancelSignal();
    }

    void setRetry(Runnable action) {
        this.retry = action;
    }

    /** Asks the running transfer to stop; it ends as {@link State#CANCELLED}. */
    public void cancel() {
        cancel.cancel();
    }

    /** Starts a failed or cancelled transfer again. */
    public void retry() {
        if (retry != null && (state.get() == State.FAILED || state.get() == State.CANCELLED)) {
            retry.run();
        }
    }
}
