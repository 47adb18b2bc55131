package org.odpsexplorer.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.Credentials;
import org.odpsexplorer.sdk.model.RetryPolicy;

class InternalPlumbingTest {
    @TempDir
    Path tempDir;

    @Test
    void metaMd5IsAcceptedAsHexOrBase64AndOtherwiseUnknown() {
        assertThat(ResourceApi.normaliseMd5("6820402744D1AA25E4BDBF6745A66EA6"))
                .isEqualTo("6820402744d1aa25e4bdbf6745a66ea6");
        assertThat(ResourceApi.normaliseMd5("aCBAJ0TRqiXkvb9nRaZupg==")).isEqualTo("6820402744d1aa25e4bdbf6745a66ea6");
        assertThat(ResourceApi.normaliseMd5("not an md5")).isNull();
        assertThat(ResourceApi.normaliseMd5("")).isNull();
    }

    @Test
    void spoolMovesToDiskAboveTheThresholdAndZeroFillsGaps() throws Exception {
        try (Spool spool = new Spool(8, tempDir)) {
            spool.write(0, "abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertThat(spool.onDisk()).isFalse();
            spool.write(6, "xyz".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertThat(spool.onDisk()).isTrue();
            byte[] all = new byte[9];
            assertThat(spool.read(0, all, 0, 9)).isEqualTo(9);
            assertThat(all).isEqualTo(new byte[] {'a', 'b', 'c', 0, 0, 0, 'x', 'y', 'z'});
            spool.truncate(4);
            spool.truncate(100); // never extends
            assertThat(spool.size()).isEqualTo(4);
            assertThat(spool.read(4, all, 0, 1)).isEqualTo(-1);
            try (var files = Files.list(tempDir)) {
                assertThat(files.count()).isEqualTo(1);
            }
        }
        try (var files = Files.list(tempDir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void textUnitsRoundTripAndEncodingIsStrict() {
        String text = "a😀é\u0000z";
        byte[] units = TextCodec.toUnits(text);
        assertThat(units).hasSize(text.length() * 2);
        assertThat(TextCodec.fromUnits(units, 0, units.length)).isEqualTo(text);
        ClientConfig config = new ClientConfig("http://127.0.0.1:1/api", "p", Credentials.accessKey("a", "b"), null,
                null, null, RetryPolicy.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 4, tempDir, "ua");
        try (Spool store = new Spool(1 << 20, tempDir)) {
            byte[] u = TextCodec.toUnits(text);
            store.write(0, u, 0, u.length);
            try (Spool encoded = TextCodec.encode(store, StandardCharsets.UTF_8, config, "t")) {
                byte[] out = new byte[(int) encoded.size()];
                encoded.read(0, out, 0, out.length);
                assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(text);
            }
            byte[] lone = TextCodec.toUnits("x\uD83D");
            store.write(0, lone, 0, lone.length);
            store.truncate(lone.length);
            assertThatThrownBy(() -> TextCodec.encode(store, StandardCharsets.UTF_8, config, "t"))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("surrogate");
        }
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(1));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(350));
        assertThat(p.backoff(40)).isEqualTo(Duration.ofMillis(350));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyASocksProxyKeepsOkHttpsOwnReadTimeout() {
        okhttp3.HttpUrl url = okhttp3.HttpUrl.get("http://127.0.0.1:8080/api");
        assertThat(Transport.usesSocksProxy(url, selector(Proxy.NO_PROXY))).isFalse();
        assertThat(Transport.usesSocksProxy(url, selector(new Proxy(Proxy.Type.HTTP,
                new InetSocketAddress("127.0.0.1", 3128))))).isFalse();
        assertThat(Transport.usesSocksProxy(url, selector(new Proxy(Proxy.Type.SOCKS,
                new InetSocketAddress("127.0.0.1", 1080))))).isTrue();
        assertThat(Transport.usesSocksProxy(url, null)).isFalse();
    }

    private static ProxySelector selector(Proxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // not used: the selector only answers which proxy would be taken
            }
        };
    }
}
