package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.CancelSignal;
import org.odpsexplorer.sdk.model.ResourceOptions;
import org.odpsexplorer.sdk.model.TransferCancelledException;
import org.odpsexplorer.testing.GeneratedContent;

/** Random access through {@link ResourceChannel} and streams from an offset, against the emulator. */
class ResourceChannelTest {
    private static final int SIZE = 3 * 1024 * 1024 + 123;

    @TempDir
    Path dir;

    @Test
    void randomReadsGiveTheExactBytesAndFetchOnlyTheBlocksTouched() throws Exception {
        byte[] content = new GeneratedContent(SIZE, 31).readAllBytes();
        try (TestService service = TestService.start(dir); Odps odps = service.client()) {
            odps.createResource("random.bin", "file", content);
            try (ResourceChannel channel = odps.openResourceChannel("random.bin", ResourceOptions.defaults())) {
                assertThat(channel.size()).isEqualTo(SIZE);
                // the last bytes first, as a zip reader does
                ByteBuffer tail = ByteBuffer.allocate(22);
                channel.position(SIZE - 22);
                assertThat(channel.read(tail)).isEqualTo(22);
                assertThat(tail.array()).isEqualTo(Arrays.copyOfRange(content, SIZE - 22, SIZE));
                assertThat(channel.bytesFetched()).isEqualTo(SIZE % ResourceChannel.BLOCK);
                Random random = new Random(4);
                for (int i = 0; i < 40; i++) {
                    int at = random.nextInt(SIZE);
                    int len = Math.min(random.nextInt(200_000), SIZE - at);
                    ByteBuffer buf = ByteBuffer.allocate(len);
                    channel.position(at);
                    while (buf.hasRemaining() && channel.read(buf) > 0) {
                        // a read may stop at a block end
                    }
                    assertThat(buf.array()).as("at " + at).isEqualTo(Arrays.copyOfRange(content, at, at + len));
                }
                channel.position(SIZE);
                assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1); // at the end
                assertThatThrownBy(() -> channel.write(ByteBuffer.allocate(1)))
                        .isInstanceOf(NonWritableChannelException.class);
            }
            try (ResourceChannel channel = odps.openResourceChannel("random.bin", ResourceOptions.defaults())) {
                channel.position(2 * ResourceChannel.BLOCK + 5);
                channel.read(ByteBuffer.allocate(10));
                assertThat(channel.bytesFetched()).isEqualTo(ResourceChannel.BLOCK);
                assertThat(channel.requests()).isEqualTo(1);
            }
            try (InputStream in = odps.openResourceStream("random.bin", 1_000_000, ResourceOptions.defaults())) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1_000_000, SIZE));
            }
        }
    }

    @Test
    void aCancelledChannelStopsFetching() throws Exception {
        try (TestService service = TestService.start(dir); Odps odps = service.client()) {
            odps.createResource("cancel.bin", "file", new byte[200_000]);
            CancelSignal cancel = new CancelSignal();
            try (ResourceChannel channel = odps.openResourceChannel("cancel.bin",
                    ResourceOptions.defaults().withCancel(cancel))) {
                cancel.cancel();
                assertThatThrownBy(() -> channel.read(ByteBuffer.allocate(10)))
                        .isInstanceOf(TransferCancelledException.class);
            }
        }
    }
}
