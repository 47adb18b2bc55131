package org.odpsexplorer.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.odpsexplorer.sdk.model.OdpsException;

class ErrorTextTest {
    @Test
    void serverFailuresShowCodeMessageAndRequestId() {
        OdpsException e = new OdpsException(403, "SignatureNotMatch", "signature mismatch", "req-42",
                "GET /projects/p/resources");
        assertThat(ErrorText.summary(new ExecutionException(e))).isEqualTo("SignatureNotMatch: signature mismatch");
        assertThat(ErrorText.details(e)).contains("Error code: SignatureNotMatch", "Message: signature mismatch",
                "Request id: req-42", "HTTP status: 403", "Call: GET /projects/p/resources");
    }

    @Test
    void otherFailuresShowTheirMessageAndCauses() {
        Exception e = new IOException("disk full", new IllegalStateException("inner"));
        assertThat(ErrorText.summary(e)).isEqualTo("disk full");
        assertThat(ErrorText.details(e)).contains("java.io.IOException: disk full", "Caused by: java.lang.IllegalStateException: inner");
        assertThat(ErrorText.summary(new RuntimeException())).isEqualTo("RuntimeException");
    }
}
